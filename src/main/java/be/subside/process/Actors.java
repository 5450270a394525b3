package be.subside.process;

import be.subside.shared.ForbiddenException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** Who completes a staff task: the logged-in user of Tasklist or REST, else the user who claimed the task. */
@Component
class Actors {

    private final IdentityService identity;

    Actors(IdentityService identity) {
        this.identity = identity;
    }

    String of(DelegateTask task) {
        Authentication authentication = identity.getCurrentAuthentication();
        if (authentication != null && authentication.getUserId() != null) {
            return authentication.getUserId();
        }
        if (task.getAssignee() != null) {
            return task.getAssignee();
        }
        throw new ForbiddenException("task.unclaimed", "Claim the task '" + task.getName() + "' before completing it");
    }
}
