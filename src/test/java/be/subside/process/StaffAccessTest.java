package be.subside.process;

import static org.assertj.core.api.Assertions.*;

import be.subside.Fixtures;
import be.subside.IntegrationTest;
import be.subside.application.Application;
import be.subside.call.Administration;
import be.subside.call.Call;
import be.subside.identity.Organisation;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Authorization checks are on: staff see their administration's cases only; managers read and change nothing. */
@IntegrationTest
class StaffAccessTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    IdentityService identity;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    FilterService filters;
    @Autowired
    AuthorizationService authorizations;
    @Autowired
    org.camunda.bpm.engine.HistoryService history;

    Task cocofTask;
    Task cocomTask;

    @BeforeEach
    void twoCases() {
        Call call = fixtures.openCall();
        Organisation cocof = fixtures.organisation(Administration.COCOF);
        Organisation cocom = fixtures.organisation(Administration.COCOM);
        cocofTask = admissibilityTask(fixtures.submitted(call, cocof, cocom, "1000"));
        cocomTask = admissibilityTask(fixtures.submitted(call, cocom, cocof, "1000"));
    }

    @AfterEach
    void logout() {
        identity.clearAuthentication();
    }

    Task admissibilityTask(Application application) {
        return fixtures.task(application.getReference(), "Task_CheckAdmissibility");
    }

    <T> T as(String user, String group, Supplier<T> action) {
        identity.setAuthentication(user, List.of(group));
        try {
            return action.get();
        } finally {
            identity.clearAuthentication();
        }
    }

    List<String> visibleTaskIds(String user, String group) {
        return as(user, group, () -> tasks.createTaskQuery().listPage(0, 500).stream().map(Task::getId).toList());
    }

    @Test
    void staffOfOneAdministrationDoNotSeeTheOthersTasks() {
        assertThat(visibleTaskIds("cocof-agent1", "staff-cocof")).contains(cocofTask.getId()).doesNotContain(cocomTask.getId());
        assertThat(visibleTaskIds("cocom-agent1", "staff-cocom")).contains(cocomTask.getId()).doesNotContain(cocofTask.getId());
        assertThat(visibleTaskIds("evaluator", "evaluators")).doesNotContain(cocofTask.getId(), cocomTask.getId());
        assertThat(visibleTaskIds("applicant", "nobody")).isEmpty();
    }

    @Test
    void staffCannotClaimOrCompleteTheOtherAdministrationsTask() {
        assertThatThrownBy(() -> as("cocof-agent1", "staff-cocof", () -> {
            tasks.claim(cocomTask.getId(), "cocof-agent1");
            return null;
        })).isInstanceOf(AuthorizationException.class);
        assertThatThrownBy(() -> as("cocof-agent1", "staff-cocof", () -> {
            tasks.complete(cocomTask.getId(), Map.of("admissibilityDecision", "ADMISSIBLE"));
            return null;
        })).isInstanceOf(AuthorizationException.class);
        assertThatThrownBy(() -> as("cocof-agent1", "staff-cocof",
                () -> runtime.getVariables(cocomTask.getProcessInstanceId()))).isInstanceOf(AuthorizationException.class);

        Task untouched = tasks.createTaskQuery().taskId(cocomTask.getId()).singleResult();
        assertThat(untouched.getAssignee()).isNull();
        assertThat(runtime.getVariable(cocomTask.getProcessInstanceId(), "admissibilityDecision")).isNull();
    }

    @Test
    void staffClaimAndCompleteTheirOwnAdministrationsTask() {
        as("cocof-agent1", "staff-cocof", () -> {
            tasks.claim(cocofTask.getId(), "cocof-agent1");
            tasks.complete(cocofTask.getId(), Map.of("admissibilityDecision", "ADMISSIBLE"));
            return null;
        });
        assertThat(tasks.createTaskQuery().processInstanceId(cocofTask.getProcessInstanceId()).singleResult()
                .getTaskDefinitionKey()).isEqualTo("Task_CheckEligibility");
    }

    @Test
    void eachCaseIsGrantedByItsProcessToItsAdministrationOnly() {
        String cocofCase = cocofTask.getProcessInstanceId();
        String cocomCase = cocomTask.getProcessInstanceId();
        assertThat(authorizations.createAuthorizationQuery().resourceId(cocofCase).list())
                .extracting(a -> a.getGroupId(), a -> a.getUserId(), a -> a.getResourceType())
                .containsExactlyInAnyOrder(tuple("staff-cocof", null, Resources.PROCESS_INSTANCE.resourceType()),
                        tuple("staff-cocof", null, Resources.HISTORIC_PROCESS_INSTANCE.resourceType()));
        assertThat(as("cocof-agent1", "staff-cocof", () -> runtime.getVariables(cocofCase)))
                .containsEntry("staffGroup", "staff-cocof");
        assertThat(as("cocof-agent1", "staff-cocof", () -> history.createHistoricProcessInstanceQuery()
                .processInstanceIds(java.util.Set.of(cocofCase, cocomCase)).listPage(0, 10)))
                .extracting(h -> h.getId()).containsExactly(cocofCase);
        assertThat(as("cocom-agent1", "staff-cocom", () -> history.createHistoricProcessInstanceQuery()
                .processInstanceIds(java.util.Set.of(cocofCase, cocomCase)).listPage(0, 10)))
                .extracting(h -> h.getId()).containsExactly(cocomCase);
        assertThat(as("evaluator", "evaluators", () -> history.createHistoricProcessInstanceQuery()
                .processInstanceIds(java.util.Set.of(cocofCase, cocomCase)).count())).isZero();
        assertThat(authorizations.createAuthorizationQuery().resourceId("*").groupIdIn("staff-cocof", "staff-cocom",
                "evaluators", "committee").count()).as("no wildcard grant to a task group").isZero();
    }

    /**
     * authorizationCheckRevokes=never: queries do not look for REVOKE entries (they are slow on PostgreSQL), so access is
     * taken away by deleting grants, never by adding a revoke. This shows the setting is in force.
     */
    @Test
    void queriesIgnoreRevokesSoAccessIsRemovedByDeletingGrants() {
        var revoke = authorizations.createNewAuthorization(org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_REVOKE);
        revoke.setUserId("cocof-agent1");
        revoke.setResource(Resources.TASK);
        revoke.setResourceId(cocofTask.getId());
        revoke.addPermission(Permissions.READ);
        String id = authorizations.saveAuthorization(revoke).getId();
        try {
            assertThat(visibleTaskIds("cocof-agent1", "staff-cocof")).contains(cocofTask.getId());
        } finally {
            authorizations.deleteAuthorization(id);
        }
    }

    /**
     * AuthorizedGroups: a staff member's filter page and its count make no scan of all grants (the engine's
     * {@code selectAuthorizedGroupIds}, once per command, slow with a grant per open task), and look for no revoke
     * (authorizationCheckRevokes=never); the checks still apply, and a group without grants in the sign-in changes
     * nothing.
     */
    @Test
    void theTaskListChecksAuthorizationsWithoutScanningAllGrants() {
        String filterId = filters.createTaskFilterQuery().filterName("Dossiers COCOF / Dossiers COCOF").singleResult()
                .getId();
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                "org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity");
        var statements = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        statements.start();
        ch.qos.logback.classic.Level level = log.getLevel();
        log.setLevel(ch.qos.logback.classic.Level.DEBUG);
        log.addAppender(statements);
        List<String> page;
        long count;
        List<String> withAGroupWithoutGrants;
        try {
            List<Task> listed = as("cocof-agent1", "staff-cocof", () -> filters.listPage(filterId,
                    tasks.createTaskQuery().active().orderByTaskCreateTime().desc(), 0, 500));
            page = listed.stream().map(Task::getId).toList();
            count = as("cocof-agent1", "staff-cocof", () -> filters.count(filterId, tasks.createTaskQuery().active()));
            identity.setAuthentication("cocof-agent1", List.of("staff-cocof", "no-grants-at-all"));
            try {
                withAGroupWithoutGrants = tasks.createTaskQuery().listPage(0, 500).stream().map(Task::getId).toList();
            } finally {
                identity.clearAuthentication();
            }
        } finally {
            log.detachAppender(statements);
            log.setLevel(level);
        }
        List<String> names = statements.list.stream().filter(e -> e.getFormattedMessage().contains("Preparing:"))
                .map(e -> e.getLoggerName().substring(e.getLoggerName().lastIndexOf('.') + 1)).toList();
        assertThat(names).as("authorization statements seen").isNotEmpty()
                .doesNotContain("selectAuthorizedGroupIds", "selectRevokeAuthorization");
        assertThat(page).contains(cocofTask.getId()).doesNotContain(cocomTask.getId());
        assertThat(count).isEqualTo(page.size());
        assertThat(withAGroupWithoutGrants).contains(cocofTask.getId()).doesNotContain(cocomTask.getId());
        assertThat(visibleTaskIds("someone", "no-grants-at-all")).isEmpty();
    }

    /** enablePasswordPolicy: the engine refuses a staff password that is short, plain, or made of the user's name. */
    @Test
    void weakStaffPasswordsAreRefused() {
        for (String weak : List.of("demo", "password123", "Agent-weakling-1", "ABCDEFGHIJK")) {
            var user = identity.newUser("weakling");
            user.setFirstName("Agent");
            user.setLastName("Weakling");
            user.setPassword(weak);
            assertThatThrownBy(() -> identity.saveUser(user)).as(weak)
                    .isInstanceOf(org.camunda.bpm.engine.ProcessEngineException.class);
        }
        assertThat(identity.createUserQuery().userId("weakling").count()).isZero();
    }

    @Test
    void managersSeeEverythingAndChangeNothing() {
        assertThat(visibleTaskIds("manager", "managers")).contains(cocofTask.getId(), cocomTask.getId());
        assertThatThrownBy(() -> as("manager", "managers", () -> {
            tasks.claim(cocofTask.getId(), "manager");
            return null;
        })).isInstanceOf(AuthorizationException.class);
        assertThatThrownBy(() -> as("manager", "managers", () -> {
            tasks.complete(cocomTask.getId(), Map.of("admissibilityDecision", "INADMISSIBLE"));
            return null;
        })).isInstanceOf(AuthorizationException.class);
        assertThatThrownBy(() -> as("manager", "managers", () -> {
            runtime.setVariable(cocofTask.getProcessInstanceId(), "admissibilityDecision", "ADMISSIBLE");
            return null;
        })).isInstanceOf(AuthorizationException.class);
        assertThat(tasks.createTaskQuery().taskId(cocofTask.getId()).singleResult().getAssignee()).isNull();
    }

    @Test
    void eachGroupHasItsTasklistFilterAndOnlyTheWebappItNeeds() {
        for (String group : List.of("staff-cocof", "staff-cocom", "evaluators", "committee")) {
            List<String> readable = as("someone", group, () -> filters.createTaskFilterQuery().listPage(0, 500).stream()
                    .map(Filter::getName).toList());
            // evaluators share no filter: each gets their own when a case is first assigned to them
            assertThat(readable).as(group).hasSize(group.equals("evaluators") ? 0 : 1);
            assertThat(authorizations.isUserAuthorized("someone", List.of(group), Permissions.ACCESS,
                    Resources.APPLICATION, "tasklist")).as(group).isTrue();
            assertThat(authorizations.isUserAuthorized("someone", List.of(group), Permissions.ACCESS,
                    Resources.APPLICATION, "cockpit")).as(group).isFalse();
        }
        assertThat(authorizations.isUserAuthorized("manager", List.of("managers"), Permissions.ACCESS,
                Resources.APPLICATION, "cockpit")).isTrue();
        assertThat(authorizations.isUserAuthorized("manager", List.of("managers"), Permissions.ACCESS,
                Resources.APPLICATION, "admin")).isFalse();
    }
}
