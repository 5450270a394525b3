package be.subside.process;

import static org.assertj.core.api.Assertions.*;

import be.subside.EmbeddedDatabase;
import be.subside.SubsideApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Starting the application again on the same database deploys nothing new: deployment names do not depend on where the
 * models were read from (target/classes or the fat jar), and unchanged models are filtered as duplicates.
 */
class StableDeploymentTest {

    /** Every file of bpmn/ and forms/: all of them are deployed, once. */
    static int modelFiles() throws java.io.IOException {
        try (var bpmn = java.nio.file.Files.list(java.nio.file.Path.of("bpmn"));
                var forms = java.nio.file.Files.list(java.nio.file.Path.of("forms"))) {
            return (int) (bpmn.count() + forms.count());
        }
    }

    @Test
    void secondStartOnTheSameDatabaseFindsOneVersionOfEachProcess() throws Exception {
        String url = EmbeddedDatabase.newDatabase("subside_redeploy");
        be.subside.CamundaWebapps.besideTheSharedContext(() -> startTwice(url));
    }

    private static void startTwice(String url) throws Exception {
        start(url).close();
        ConfigurableApplicationContext second = start(url);
        try {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("select current_database()", String.class)).isEqualTo("subside_redeploy");
            assertThat(jdbc.queryForList("select key_, version_ from act_re_procdef order by key_"))
                    .extracting(row -> row.get("key_") + " v" + row.get("version_"))
                    .containsExactly("CallForProjectsProcess v1", "ConflictOfInterestDeclarationProcess v1",
                            "GrantApplicationProcess v1");
            assertThat(jdbc.queryForObject("select count(*) from act_re_deployment", Integer.class)).isEqualTo(1);
            assertThat(jdbc.queryForList("select name_ from act_ge_bytearray where deployment_id_ is not null "
                    + "order by name_", String.class)).allMatch(name -> name.startsWith("bpmn/") || name.startsWith("forms/"))
                    .hasSize(modelFiles());
        } finally {
            second.close();
        }
    }

    @Test
    void resourceNamesAreTheSameFromClassesFolderAndFromFatJar() {
        assertThat(ProcessDeployer.stableName("file:/srv/subside/target/classes/bpmn/grant-application.bpmn"))
                .isEqualTo("bpmn/grant-application.bpmn");
        assertThat(ProcessDeployer.stableName("jar:nested:/opt/app/subside.jar/!BOOT-INF/classes/!/bpmn/grant-application.bpmn"))
                .isEqualTo("bpmn/grant-application.bpmn");
        assertThat(ProcessDeployer.stableName("jar:file:/opt/app/subside.jar!/BOOT-INF/classes!/forms/decide-grant.form"))
                .isEqualTo("forms/decide-grant.form");
        assertThat(ProcessDeployer.stableName("file:/home/forms/work/target/classes/bpmn/call-for-projects.bpmn"))
                .isEqualTo("bpmn/call-for-projects.bpmn");
        assertThatThrownBy(() -> ProcessDeployer.stableName("file:/tmp/other.bpmn"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ConfigurableApplicationContext start(String url) {
        // command-line arguments: they win over application.yml, as they would in production
        return new SpringApplicationBuilder(SubsideApplication.class).profiles("test")
                .run("--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                        "--spring.datasource.password=postgres", "--server.port=0",
                        // its own engine name: closing it must not unregister the shared test context's "default" engine
                        "--camunda.bpm.process-engine-name=redeploy");
    }
}
