package be.subside.process;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Authorization checks without a scan of all grants in every engine command.
 *
 * <p>Before each authorization check the engine narrows the signed-in user's groups to those that hold at least one
 * grant, and to know them it runs {@code SELECT distinct(GROUP_ID_) FROM ACT_RU_AUTHORIZATION} once per command. That
 * table holds a grant per open task and per case (tens of thousands of rows at 10,000 open tasks), and Tasklist's
 * page of a filter is four commands (the filter, its tasks, their count, the embedded process definitions): four scans
 * of the whole table, 10 to 25 ms each on the shared machine, for one page ({@code StaffTaskListBenchmark} prints the
 * statements of each request).
 *
 * <p>The narrowing changes no answer: a group without any grant matches no row of {@code GROUP_ID_ IN (...)}, so the
 * checks give the same result with all of the user's groups. Here they get all of them (staff have one or two) and the
 * scan is gone. Authorization checks stay on; nothing is granted or cached.
 */
@Component
@EngineTuning
class AuthorizedGroups extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<SessionFactory> factories = configuration.getCustomSessionFactories() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomSessionFactories());
        // registered after the engine's own factories under the same session type: replaces the engine's manager
        factories.add(new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return AuthorizationManager.class;
            }

            @Override
            public Session openSession() {
                return new AllGroupsAuthorizationManager();
            }
        });
        configuration.setCustomSessionFactories(factories);
    }

    /** The engine's authorization manager, given all of the user's groups instead of those that hold a grant. */
    static class AllGroupsAuthorizationManager extends AuthorizationManager {

        @Override
        public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
            if (authenticatedGroupIds == null || authenticatedGroupIds.isEmpty()) {
                return EMPTY_LIST;
            }
            return new ArrayList<>(authenticatedGroupIds);
        }
    }
}
