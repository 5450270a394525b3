package be.subside.application;

import be.subside.identity.Caller;
import be.subside.identity.OrganisationService;
import be.subside.shared.ForbiddenException;
import be.subside.shared.NotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may read a case: members of its lead organisation; staff of its competent administration; managers, evaluators
 * and the committee. Others learn nothing, not even whether the case exists: staff get "unknown", applicants "not
 * available", the same for a case that exists and one that does not.
 */
@Component
public class CaseReaders {

    private final ApplicationRepository applications;
    private final OrganisationService organisations;

    CaseReaders(ApplicationRepository applications, OrganisationService organisations) {
        this.applications = applications;
        this.organisations = organisations;
    }

    public boolean mayRead(Application application, Caller caller) {
        if (caller.isStaff()) {
            return caller.staffGroups().contains(application.getLeadOrganisation().getCompetentAdministration().staffGroup())
                    || caller.staffGroups().contains(Caller.MANAGERS) || caller.staffGroups().contains(Caller.EVALUATORS)
                    || caller.staffGroups().contains(Caller.COMMITTEE);
        }
        return organisations.isMember(application.getLeadOrganisation().getId(), caller.userId());
    }

    /** The case, for someone who may read it. */
    @Transactional(readOnly = true)
    public Application forReader(String reference, Caller caller) {
        return applications.findDetailedByReference(reference).filter(a -> mayRead(a, caller)).orElseThrow(() -> caller.isStaff()
                ? new NotFoundException("application.unknown", "reference", "Unknown application '" + reference + "'")
                : new ForbiddenException("application.notAvailable", "This case is not available to you"));
    }
}
