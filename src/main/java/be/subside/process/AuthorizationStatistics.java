package be.subside.process;

import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells PostgreSQL how Camunda's authorization rows are spread, so that a staff member's task list stays fast when the
 * cases are many.
 *
 * <p>With authorization checks on, the engine joins every candidate task to {@code ACT_RU_AUTHORIZATION} on a
 * condition that ORs resource ids and filters on bit masks ({@code PERMS_ & 2 = 2}). The planner has no statistics on
 * such expressions and estimates a handful of matching grants where there is one per task of the group (Camunda grants
 * a candidate group READ on each of its tasks): with 10,000 open tasks it then scans all the group's grants once per
 * task, 555 ms per query (EXPLAIN in {@code StaffTaskListBenchmark}). Extended statistics on the filtered columns and
 * bit masks give it the real counts, and it looks each task's grants up by index instead.
 *
 * <p>PostgreSQL 14 or later only (statistics on expressions); elsewhere (H2 for the demo) nothing is done. Created once,
 * after Camunda has made its tables; autovacuum's ANALYZE keeps them current.
 */
@Component
@EngineTuning
class AuthorizationStatistics extends AbstractProcessEnginePlugin {

    static final String NAME = "subside_authorization_checks";

    private static final Logger log = LoggerFactory.getLogger(AuthorizationStatistics.class);

    private final DataSource dataSource;

    AuthorizationStatistics(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        if (!PostgresVersion.atLeast(dataSource, 14, "statistics for the authorization checks")) {
            return;
        }
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Integer present = jdbc.queryForObject("select count(*) from pg_statistic_ext where stxname = ?", Integer.class,
                NAME);
        if (present != null && present > 0) {
            return;
        }
        try {
            jdbc.execute("create statistics if not exists " + NAME + " (mcv) on type_, resource_type_, group_id_,"
                    + " (perms_ & 2), (perms_ & 64) from act_ru_authorization");
            jdbc.execute("analyze act_ru_authorization");
            log.info("Statistics {} created on ACT_RU_AUTHORIZATION for the task list's authorization checks", NAME);
        } catch (org.springframework.dao.DataAccessException e) {
            // another node creating them at the same moment; the application works without them, only slower
            log.warn("Statistics {} not created: {}", NAME, e.getMessage());
        }
    }
}
