package be.subside;

import static org.assertj.core.api.Assertions.*;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The production profile: PostgreSQL from the environment, no demo data, no user and so no default password. */
class PostgresProfileTest {

    @Test
    void startsWithoutDemoDataOrDefaultLogins() throws Exception {
        String url = EmbeddedDatabase.newDatabase("subside_production");
        CamundaWebapps.besideTheSharedContext(() -> {
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SubsideApplication.class)
                    .profiles("postgres")
                    .run("--SUBSIDE_DB_URL=" + url, "--SUBSIDE_DB_USER=postgres", "--SUBSIDE_DB_PASSWORD=postgres",
                            "--server.port=0",
                            // its own engine name: closing it must not unregister the shared test context's "default" engine
                            "--camunda.bpm.process-engine-name=production", "--camunda.bpm.job-execution.enabled=false")) {
                JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
                assertThat(jdbc.queryForObject("select current_database()", String.class)).isEqualTo("subside_production");
                assertThat(jdbc.queryForList("select code from call_for_projects", String.class))
                        .containsExactly("ANM-2024-2025");
                assertThat(jdbc.queryForObject("select count(*) from application", Integer.class)).isZero();
                IdentityService identity = app.getBean(IdentityService.class);
                assertThat(identity.createUserQuery().count()).isZero();
                assertThat(identity.createGroupQuery().list()).extracting(g -> g.getId())
                        .contains("staff-cocof", "staff-cocom", "evaluators", "committee", "managers");
                assertThat(app.getEnvironment().getActiveProfiles()).containsExactly("postgres");
                // what the task list's authorization checks need to be planned by index (StaffTaskListBenchmark)
                assertThat(jdbc.queryForObject("show random_page_cost", String.class)).isEqualTo("1.1");
                // generic plans stay allowed for everything but the staff's task queries (StaffTaskQueryPlansTest)
                assertThat(jdbc.queryForObject("show plan_cache_mode", String.class)).isEqualTo("auto");
                assertThat(jdbc.queryForObject("show statement_timeout", String.class)).isEqualTo("1min");
                assertThat(jdbc.queryForObject("select count(*) from pg_statistic_ext where stxname ="
                        + " 'subside_authorization_checks'", Integer.class)).isOne();
            }
        });
    }
}
