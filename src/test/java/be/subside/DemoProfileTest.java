package be.subside;

import static org.assertj.core.api.Assertions.*;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The README's run command: no profile chosen means the demo profile on embedded H2, with the demo call, cases and
 * logins, whose passwords satisfy the engine's password policy (a start-up that breaks here breaks for every newcomer).
 */
class DemoProfileTest {

    @Test
    void theDefaultRunStartsWithItsDemoDataAndLogins() throws Exception {
        CamundaWebapps.besideTheSharedContext(() -> {
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SubsideApplication.class)
                    .run("--server.port=0", "--spring.datasource.url=jdbc:h2:mem:subside-demo-test;DB_CLOSE_DELAY=-1",
                            // its own engine name, beside the shared test context's "default" engine
                            "--camunda.bpm.process-engine-name=demo-test", "--camunda.bpm.job-execution.enabled=false")) {
                assertThat(app.getEnvironment().getActiveProfiles()).isEmpty();
                assertThat(app.getEnvironment().getDefaultProfiles()).containsExactly("demo");
                JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
                assertThat(jdbc.queryForObject("select count(*) from application where reference like 'ANM-DEMO-%'",
                        Integer.class)).isEqualTo(6);
                IdentityService identity = app.getBean(IdentityService.class);
                assertThat(identity.checkPassword("admin", "Demo-staff-1")).isTrue();
                assertThat(identity.checkPassword("cocof-agent1", "Demo-staff-1")).isTrue();
                assertThat(jdbc.queryForObject("select count(*) from applicant_account where user_id = ?",
                        Integer.class, "anna@ateliers-midi.example")).isEqualTo(1);
            }
        });
    }
}
