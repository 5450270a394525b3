package be.subside.process;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The staff roles as Camunda groups, with the grants each role needs and nothing more. Authorization checks are on:
 * a task is visible to the candidate group the process gave it (the engine grants that per task), so staff of one
 * administration never see the other's cases. Managers read everything in Cockpit and change nothing. Idempotent:
 * runs at every start.
 */
@Component
class StaffAccess {

    static final String STAFF_COCOF = "staff-cocof";
    static final String STAFF_COCOM = "staff-cocom";
    static final String EVALUATORS = "evaluators";
    static final String COMMITTEE = "committee";
    static final String MANAGERS = "managers";

    /** Group id → Tasklist filter name, in both languages of the administration. */
    private static final Map<String, String> TASK_GROUPS = Map.of(
            STAFF_COCOF, "Dossiers COCOF / Dossiers COCOF",
            STAFF_COCOM, "Dossiers COCOM / Dossiers GGC",
            COMMITTEE, "Comité de sélection / Selectiecomité");

    /** Each evaluator's own filter: the tasks assigned to them, which no other evaluator sees. */
    static final String EVALUATOR_FILTER = "Mes évaluations / Mijn evaluaties";

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final FilterService filters;
    private final TaskService tasks;

    StaffAccess(IdentityService identity, AuthorizationService authorizations, FilterService filters, TaskService tasks) {
        this.identity = identity;
        this.authorizations = authorizations;
        this.filters = filters;
        this.tasks = tasks;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    public void ensureRoles() {
        group(STAFF_COCOF, "Agents COCOF / Medewerkers COCOF");
        group(STAFF_COCOM, "Agents COCOM / Medewerkers GGC");
        group(EVALUATORS, "Évaluateurs / Evaluatoren");
        group(COMMITTEE, "Comité de sélection / Selectiecomité");
        group(MANAGERS, "Gestionnaires (lecture) / Beheerders (lezen)");

        TASK_GROUPS.forEach((groupId, filterName) -> {
            grant(groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            for (String process : List.of(ProcessKeys.GRANT_APPLICATION_PROCESS, ProcessKeys.CALL_FOR_PROJECTS_PROCESS)) {
                grant(groupId, Resources.PROCESS_DEFINITION, process, Permissions.READ);
            }
            grant(groupId, Resources.FILTER, filter(groupId, filterName), Permissions.READ);
        });
        // evaluators get no group filter and no group task: each case is assigned to one of them by the process
        grant(EVALUATORS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(EVALUATORS, Resources.PROCESS_DEFINITION, ProcessKeys.GRANT_APPLICATION_PROCESS, Permissions.READ);
        grant(EVALUATORS, Resources.PROCESS_DEFINITION, ProcessKeys.CONFLICT_OF_INTEREST_DECLARATION_PROCESS,
                Permissions.READ);

        grant(MANAGERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(MANAGERS, Resources.PROCESS_DEFINITION, "*", Permissions.READ, Permissions.READ_INSTANCE,
                Permissions.READ_HISTORY);
        grant(MANAGERS, Resources.PROCESS_INSTANCE, "*", Permissions.READ);
        grant(MANAGERS, Resources.TASK, "*", Permissions.READ);
        grant(MANAGERS, Resources.DEPLOYMENT, "*", Permissions.READ);
    }

    /**
     * The evaluator's own Tasklist filter (the tasks assigned to them), owned by them and readable by nobody else.
     * Stored queries may not hold expressions here, so the filter names the evaluator instead of {@code currentUser()}.
     */
    void ensureEvaluatorFilter(String evaluatorId) {
        if (filters.createTaskFilterQuery().filterName(EVALUATOR_FILTER).filterOwner(evaluatorId).count() > 0) {
            return;
        }
        Filter filter = filters.newTaskFilter(EVALUATOR_FILTER).setOwner(evaluatorId)
                .setQuery(tasks.createTaskQuery().taskAssignee(evaluatorId))
                .setProperties(Map.of("description", "Dossiers qui vous sont confiés / Dossiers die u zijn toevertrouwd",
                        "refresh", true, "priority", 5));
        filters.saveFilter(filter);
    }

    /**
     * The grants of one case, made by its process for exactly who handles it (a group or a user): read its process
     * instance with its variables, and its history. Tasks are granted by the engine to their candidate group or
     * assignee.
     */
    void grantCase(String processInstanceId, String groupId, String userId) {
        grant(groupId, userId, Resources.PROCESS_INSTANCE, processInstanceId, Permissions.READ);
        grant(groupId, userId, Resources.HISTORIC_PROCESS_INSTANCE, processInstanceId,
                HistoricProcessInstancePermissions.READ);
    }

    private void group(String id, String name) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(name);
            group.setType("WORKFLOW");
            identity.saveGroup(group);
        }
    }

    private String filter(String groupId, String name) {
        Filter existing = filters.createTaskFilterQuery().filterName(name).singleResult();
        if (existing != null) {
            return existing.getId();
        }
        Filter filter = filters.newTaskFilter(name)
                .setQuery(tasks.createTaskQuery().taskCandidateGroup(groupId).includeAssignedTasks())
                .setProperties(Map.of("description", "Tâches du groupe / Taken van de groep " + groupId, "refresh", true,
                        "priority", 10));
        return filters.saveFilter(filter).getId();
    }

    private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        grant(groupId, null, resource, resourceId, permissions);
    }

    /** Grants a group (or, when groupId is null, a user) these permissions, unless it already holds a grant there. */
    private void grant(String groupId, String userId, Resource resource, String resourceId, Permission... permissions) {
        var existing = authorizations.createAuthorizationQuery().resourceType(resource).resourceId(resourceId);
        if ((groupId != null ? existing.groupIdIn(groupId) : existing.userIdIn(userId)).count() > 0) {
            return;
        }
        Authorization authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        if (groupId != null) {
            authorization.setGroupId(groupId);
        } else {
            authorization.setUserId(userId);
        }
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        authorizations.saveAuthorization(authorization);
    }
}
