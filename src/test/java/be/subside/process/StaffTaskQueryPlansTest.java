package be.subside.process;

import static org.assertj.core.api.Assertions.*;

import be.subside.IntegrationTest;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.ProcessInstanceQueryImpl;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.ExecuteFilterCountCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * On PostgreSQL, a staff member's task and filter queries are planned for their own values, and every other statement
 * keeps PostgreSQL's default plan cache: the setting holds inside the query only, in the query's own transaction.
 */
@IntegrationTest
class StaffTaskQueryPlansTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    IdentityService identity;

    @AfterEach
    void signOut() {
        identity.clearAuthentication();
    }

    private ProcessEngineConfigurationImpl configuration() {
        return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    /**
     * Runs {@code command} through the interceptor, inside an engine transaction, with a probe in place of the query:
     * returns the plan cache mode the query would have run with, then the mode after the interceptor returned.
     */
    private List<String> modesAround(Command<?> command) {
        StaffTaskQueryPlans.Interceptor interceptor = new StaffTaskQueryPlans.Interceptor(configuration());
        interceptor.setNext(new CommandInterceptor() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T execute(Command<T> ignored) {
                return (T) mode();
            }
        });
        return configuration().getCommandExecutorTxRequired().execute(context -> {
            List<String> modes = new ArrayList<>();
            modes.add(String.valueOf(interceptor.execute(command)));
            modes.add(mode());
            return modes;
        });
    }

    private static String mode() {
        try (Statement s = Context.getCommandContext().getDbSqlSession().getSqlSession().getConnection()
                .createStatement(); ResultSet r = s.executeQuery("show plan_cache_mode")) {
            r.next();
            return r.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aStaffMembersTaskQueryIsPlannedForItsValuesAndNothingAfterIt() {
        identity.setAuthentication("cocof-agent1", List.of("staff-cocof"));
        assertThat(modesAround((TaskQueryImpl) engine.getTaskService().createTaskQuery().taskCandidateGroup("staff-cocof")))
                .containsExactly("force_custom_plan", "auto");
        assertThat(modesAround(new ExecuteFilterCountCmd("any-filter"))).containsExactly("force_custom_plan", "auto");
    }

    @Test
    void otherQueriesAndUnauthenticatedOnesKeepTheDefault() {
        identity.setAuthentication("cocof-agent1", List.of("staff-cocof"));
        assertThat(modesAround((ProcessInstanceQueryImpl) engine.getRuntimeService().createProcessInstanceQuery())).containsExactly("auto", "auto");
        identity.clearAuthentication();
        // the portal's own lookups of an applicant's task run without an engine authentication
        assertThat(modesAround((TaskQueryImpl) engine.getTaskService().createTaskQuery().processInstanceBusinessKey("ANM-1")))
                .containsExactly("auto", "auto");
    }

    @Test
    void theEngineRunsTheInterceptorOnItsQueries() {
        assertThat(configuration().getCustomPostCommandInterceptorsTxRequired())
                .hasAtLeastOneElementOfType(StaffTaskQueryPlans.Interceptor.class);
    }
}
