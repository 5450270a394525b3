package be.subside.application;

import be.subside.identity.Caller;
import be.subside.identity.OrganisationService;
import be.subside.shared.ForbiddenException;
import be.subside.shared.NotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may read a case: members of its lead organisation; staff of its competent administration; managers and the
 * committee; the evaluator it is assigned to, once they have declared no conflict of interest (before that, only its
 * parties, to judge the conflict). Others learn nothing, not even whether the case exists: staff get "unknown",
 * applicants "not available", the same for a case that exists and one that does not.
 */
@Component
public class CaseReaders {

    private final ApplicationRepository applications;
    private final OrganisationService organisations;
    private final EvaluatorClearance evaluators;

    CaseReaders(ApplicationRepository applications, OrganisationService organisations, EvaluatorClearance evaluators) {
        this.applications = applications;
        this.organisations = organisations;
        this.evaluators = evaluators;
    }

    public boolean mayRead(Application application, Caller caller) {
        if (caller.isStaff()) {
            return caller.staffGroups().contains(application.getLeadOrganisation().getCompetentAdministration().staffGroup())
                    || caller.staffGroups().contains(Caller.MANAGERS) || caller.staffGroups().contains(Caller.COMMITTEE)
                    || caller.staffGroups().contains(Caller.EVALUATORS)
                            && evaluators.isCleared(application.getId(), caller.userId());
        }
        return organisations.isMember(application.getLeadOrganisation().getId(), caller.userId());
    }

    /** The case, for someone who may read it. */
    @Transactional(readOnly = true)
    public Application forReader(String reference, Caller caller) {
        return applications.findDetailedByReference(reference).filter(a -> mayRead(a, caller))
                .orElseThrow(() -> refusal(reference, caller));
    }

    /**
     * The case, for someone who may read it or for the evaluator it is assigned to who has not declared yet: they may
     * see its parties (check with {@link #mayRead} before showing more).
     */
    @Transactional(readOnly = true)
    public Application forReaderOrAssignedEvaluator(String reference, Caller caller) {
        return applications.findDetailedByReference(reference).filter(a -> mayRead(a, caller)
                || caller.staffGroups().contains(Caller.EVALUATORS) && evaluators.isAssigned(a.getId(), caller.userId()))
                .orElseThrow(() -> refusal(reference, caller));
    }

    private static RuntimeException refusal(String reference, Caller caller) {
        return caller.isStaff()
                ? new NotFoundException("application.unknown", "reference", "Unknown application '" + reference + "'")
                : new ForbiddenException("application.notAvailable", "This case is not available to you");
    }
}
