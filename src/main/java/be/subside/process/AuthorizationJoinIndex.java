package be.subside.process;

import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Lets PostgreSQL check the grants of each task in a staff member's task list from one index, without reading the
 * grant table.
 *
 * <p>With authorization checks on, the engine joins every candidate task to {@code ACT_RU_AUTHORIZATION} on
 * {@code AUTH.RESOURCE_ID_ IN (RES.ID_, D.KEY_, '*')}. An IN list of columns is an OR to PostgreSQL, which it answers
 * with three bitmap index scans and a visit of the table's pages per task. The rows it reads there are the task's own
 * grants, and every grant on the process definition and on {@code '*'}: the administrators' group alone has one
 * {@code '*'} grant per resource type, 22 of them. At 1,000 tasks in a group that was about 20 table pages per task
 * and 35 to 41 ms per query; the filter's page and its count each make one ({@code StaffTaskListBenchmark}).
 *
 * <p>Two changes, made together because neither helps alone:
 * <ul>
 * <li>The engine writes the join as {@code AUTH.RESOURCE_ID_ = ANY(ARRAY[RES.ID_, D.KEY_, '*'])}, which means the same
 * (the same rows match; a null in the array matches nothing, as in the IN list) and which PostgreSQL answers with one
 * plain index scan. Camunda builds this part of its SQL from per-database constants
 * ({@link DbSqlSessionFactory#databaseSpecificAuthJoinStart} and its separator and end, which give MySQL its own form);
 * they are set for PostgreSQL while this engine builds its SQL and put back right after, so that another engine made
 * later in the same JVM (the benchmarks' stock configuration) gets Camunda's own. The same form serves every query
 * the engine checks this way (tasks, process definitions, history, ...).</li>
 * <li>An index on {@code RESOURCE_ID_} that includes the columns the check filters on (type, user, group, resource
 * type, permissions): the scan then reads the index alone. Created once, after Camunda has made its tables.</li>
 * </ul>
 *
 * <p>PostgreSQL 11 or later (an index with included columns); elsewhere (H2 for the demo) the index is not made and
 * the constants for PostgreSQL are not used.
 */
@Component
@EngineTuning
class AuthorizationJoinIndex extends AbstractProcessEnginePlugin {

    static final String INDEX = "subside_authorization_lookup";
    static final String DATABASE = DbSqlSessionFactory.POSTGRES;
    static final List<String> ARRAY_FORM = List.of("= ANY(ARRAY[", ",", "])");

    private static final Logger log = LoggerFactory.getLogger(AuthorizationJoinIndex.class);

    private final DataSource dataSource;
    private List<String> engineForm;

    AuthorizationJoinIndex(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        engineForm = put(ARRAY_FORM);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        // the engine's SQL is built (MyBatis substitutes the constants when it reads the mappings): Camunda's own again
        if (engineForm != null) {
            put(engineForm);
            engineForm = null;
        }
    }

    /** Sets start, separator and end of the join for PostgreSQL; returns the ones they replace. */
    private static List<String> put(List<String> form) {
        List<Map<String, String>> constants = List.of(DbSqlSessionFactory.databaseSpecificAuthJoinStart,
                DbSqlSessionFactory.databaseSpecificAuthJoinSeparator, DbSqlSessionFactory.databaseSpecificAuthJoinEnd);
        List<String> before = constants.stream().map(c -> c.get(DATABASE)).toList();
        for (int i = 0; i < constants.size(); i++) {
            constants.get(i).put(DATABASE, form.get(i));
        }
        return before;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        if (!PostgresVersion.atLeast(dataSource, 11, "index for the authorization checks")) {
            return;
        }
        try {
            new JdbcTemplate(dataSource).execute("create index if not exists " + INDEX + " on act_ru_authorization"
                    + " (resource_id_) include (type_, user_id_, group_id_, resource_type_, perms_)");
        } catch (org.springframework.dao.DataAccessException e) {
            // another node creating it at the same moment; the application works without it, only slower
            log.warn("Index {} not created: {}", INDEX, e.getMessage());
        }
    }
}
