package be.subside.process;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.ExecuteFilterCountCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteFilterListCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteFilterListPageCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteFilterSingleResultCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Plans a staff member's task query for its own values, each time, and nothing else.
 *
 * <p>With authorization checks on, the engine checks each candidate task's grants in {@code ACT_RU_AUTHORIZATION}.
 * After five executions of a prepared statement PostgreSQL may switch to a generic plan, made without the values; for
 * this query that plan scans the group's grants once per task (192 ms at 10,000 open tasks against 38 ms for the plan
 * made for the values, {@code StaffTaskListBenchmark}). Setting {@code plan_cache_mode=force_custom_plan} on every
 * connection cured that, but made PostgreSQL plan every statement of every transaction again: a portal submission,
 * some hundred short statements, cost it about 10 ms more CPU (17 to 27 ms, {@code DeadlineRushBenchmark}). So the
 * setting is made here, for the transaction and only around the task and filter queries that an authenticated user
 * runs with authorization checks on, and put back as it was afterwards.
 *
 * <p>PostgreSQL only; elsewhere (H2 for the demo) nothing is done.
 */
@Component
@EngineTuning
class StaffTaskQueryPlans extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> interceptors = configuration.getCustomPostCommandInterceptorsTxRequired() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
        interceptors.add(new Interceptor(configuration));
        configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
    }

    /**
     * Placed after the engine's transaction and command context interceptors: the connection it sets is the one the
     * query then runs on, in the same transaction.
     */
    static final class Interceptor extends CommandInterceptor {

        /** Set while a query runs with the mode: the queries a filter command runs inside it need no setting of their own. */
        private static final ThreadLocal<Boolean> SET = new ThreadLocal<>();

        private final ProcessEngineConfigurationImpl configuration;

        Interceptor(ProcessEngineConfigurationImpl configuration) {
            this.configuration = configuration;
        }

        @Override
        public <T> T execute(Command<T> command) {
            CommandContext context = Context.getCommandContext();
            if (SET.get() != null || !appliesTo(command, context)) {
                return next.execute(command);
            }
            Connection connection = context.getDbSqlSession().getSqlSession().getConnection();
            String before = set(connection, "force_custom_plan");
            SET.set(Boolean.TRUE);
            try {
                return next.execute(command);
            } finally {
                SET.remove();
                restore(connection, before);
            }
        }

        private boolean appliesTo(Command<?> command, CommandContext context) {
            boolean taskQuery = command instanceof TaskQueryImpl || command instanceof ExecuteFilterListCmd
                    || command instanceof ExecuteFilterListPageCmd || command instanceof ExecuteFilterCountCmd
                    || command instanceof ExecuteFilterSingleResultCmd;
            return taskQuery && context != null && "postgres".equals(configuration.getDatabaseType())
                    && configuration.isAuthorizationEnabled() && context.getAuthenticatedUserId() != null;
        }

        /** Sets the mode for the rest of the transaction; returns the mode it replaces. */
        private static String set(Connection connection, String mode) {
            try (PreparedStatement s = connection.prepareStatement(
                    "select current_setting('plan_cache_mode'), set_config('plan_cache_mode', ?, true)")) {
                s.setString(1, mode);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getString(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot set plan_cache_mode for a staff task query", e);
            }
        }

        private static void restore(Connection connection, String mode) {
            try (PreparedStatement s = connection.prepareStatement("select set_config('plan_cache_mode', ?, true)")) {
                s.setString(1, mode);
                s.executeQuery().close();
            } catch (SQLException e) {
                // the query failed and aborted the transaction: its rollback undoes the setting as well
            }
        }
    }
}
