package be.subside.process;

import static org.assertj.core.api.Assertions.*;

import be.subside.Fixtures;
import be.subside.IntegrationTest;
import be.subside.call.Administration;
import be.subside.call.Call;
import be.subside.identity.Organisation;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * On PostgreSQL the engine checks a task's grants against an array, which the index on the grants' resource ids
 * answers without reading the table; the tasks a staff member sees are the same.
 */
@IntegrationTest
class AuthorizationJoinIndexTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    IdentityService identity;
    @Autowired
    TaskService tasks;
    @Autowired
    DataSource dataSource;

    String cocofTask;
    String cocomTask;

    @BeforeEach
    void twoCases() {
        Call call = fixtures.openCall();
        Organisation cocof = fixtures.organisation(Administration.COCOF);
        Organisation cocom = fixtures.organisation(Administration.COCOM);
        cocofTask = fixtures.task(fixtures.submitted(call, cocof, cocom, "1000").getReference(),
                "Task_CheckAdmissibility").getId();
        cocomTask = fixtures.task(fixtures.submitted(call, cocom, cocof, "1000").getReference(),
                "Task_CheckAdmissibility").getId();
    }

    @AfterEach
    void signOut() {
        identity.clearAuthentication();
    }

    /** The agent's Tasklist page, signed in: the task ids it lists, and the SQL it ran, parameters inlined. */
    private record Page(List<String> taskIds, String sql) {
    }

    private Page agentsPage() {
        List<List<String>> ids = new ArrayList<>();
        String sql = StatementLog.capture("TaskEntity.selectTaskByQueryCriteria", () -> {
            identity.setAuthentication("cocof-agent1", List.of("staff-cocof"));
            try {
                ids.add(tasks.createTaskQuery().active().orderByTaskCreateTime().desc().listPage(0, 500).stream()
                        .map(Task::getId).toList());
            } finally {
                identity.clearAuthentication();
            }
        });
        return new Page(ids.get(0), sql.replaceAll("\\s+", " "));
    }

    /** The plan PostgreSQL makes for {@code sql} when it may neither read a whole table nor build a bitmap. */
    private String planWithoutScansOrBitmaps(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
            jdbc.execute("vacuum analyze act_ru_authorization");
            jdbc.execute("set enable_seqscan = off");
            jdbc.execute("set enable_bitmapscan = off");
            try {
                return String.join("\n", jdbc.queryForList("explain " + sql, String.class));
            } finally {
                jdbc.execute("reset enable_seqscan");
                jdbc.execute("reset enable_bitmapscan");
            }
        }
    }

    @Test
    void theTaskListChecksEachTasksGrantsAgainstAnArrayAndSeesTheSameTasks() {
        Page page = agentsPage();

        assertThat(page.sql()).contains("AUTH ON (AUTH.RESOURCE_ID_ = ANY(ARRAY[ RES.ID_ , D.KEY_ , '*' ]))");
        assertThat(page.taskIds()).contains(cocofTask).doesNotContain(cocomTask);
    }

    @Test
    void theIndexAnswersTheArrayFromItselfWhereCamundasInListCannotLookItUp() throws Exception {
        Page page = agentsPage();
        String camundasForm = page.sql().replace("= ANY(ARRAY[ RES.ID_ , D.KEY_ , '*' ])", "IN ( RES.ID_ , D.KEY_ , '*' )");

        // each task's grants looked up by resource id in the index, the filters checked on the index's own columns
        assertThat(planWithoutScansOrBitmaps(page.sql())).containsPattern("Index Only Scan using "
                + AuthorizationJoinIndex.INDEX + " on act_ru_authorization a[^\\n]*\\n\\s*Index Cond: \\(resource_id_ = ANY");
        // an OR of columns: without a bitmap, no index can be looked up by resource id (the index is read whole)
        assertThat(planWithoutScansOrBitmaps(camundasForm)).doesNotContain("Index Cond: (resource_id_");
    }

    @Test
    void anEngineBuiltLaterInTheSameJvmGetsCamundasOwnForm() {
        assertThat(DbSqlSessionFactory.databaseSpecificAuthJoinStart.get(AuthorizationJoinIndex.DATABASE))
                .isNotEqualTo(AuthorizationJoinIndex.ARRAY_FORM.get(0));
        assertThat(DbSqlSessionFactory.databaseSpecificAuthJoinEnd.get(AuthorizationJoinIndex.DATABASE))
                .isNotEqualTo(AuthorizationJoinIndex.ARRAY_FORM.get(2));
    }
}
