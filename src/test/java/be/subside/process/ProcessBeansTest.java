package be.subside.process;

import static org.assertj.core.api.Assertions.*;

import be.subside.IntegrationTest;
import java.io.IOException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** What the models name exists in the running application, and the deployment carries every model and form. */
@IntegrationTest
class ProcessBeansTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    RepositoryService repository;

    @BeforeAll
    static void readModels() throws IOException {
        ProcessModelTest.read();
    }

    @Test
    void everyDelegateAndListenerNamedInTheModelsIsABeanOfTheRightKind() {
        assertThat(ProcessModelTest.beanNames()).hasSizeGreaterThan(15);
        ProcessModelTest.beanNames().forEach((name, type) ->
                assertThat(context.getBean(name)).as(name).isInstanceOf(type));
    }

    @Test
    void deploymentHoldsEveryModelAndFormUnderStableNames() {
        String deployment = repository.createDeploymentQuery().deploymentName(ProcessDeployer.DEPLOYMENT_NAME)
                .orderByDeploymentTime().desc().list().get(0).getId();
        assertThat(repository.getDeploymentResources(deployment)).extracting(Resource::getName)
                .containsExactlyInAnyOrder("bpmn/call-for-projects.bpmn", "bpmn/conflict-of-interest-declaration.bpmn",
                        "bpmn/grant-application.bpmn", "forms/analyse-subsidy-request.form",
                        "forms/check-admissibility.form", "forms/declare-conflict-of-interest.form",
                        "forms/check-eligibility.form", "forms/decide-grant.form", "forms/evaluate-application.form",
                        "forms/preliminary-dossier.form", "forms/provide-missing-information.form",
                        "forms/select-applications.form", "forms/subsidy-request.form");
    }
}
