package be.subside.identity;

import be.subside.shared.InvalidInputException;
import be.subside.shared.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class OrganisationService {

    private final OrganisationRepository organisations;
    private final OrganisationMemberRepository members;

    OrganisationService(OrganisationRepository organisations, OrganisationMemberRepository members) {
        this.organisations = organisations;
        this.members = members;
    }

    /** Registers an organisation; the registering user becomes its first administrator. */
    @Transactional
    public Organisation register(Organisation organisation, String userId) {
        if (organisations.findByEnterpriseNumber(organisation.getEnterpriseNumber()).isPresent()) {
            throw new InvalidInputException("enterpriseNumber.taken", "enterpriseNumber", "Enterprise number "
                    + EnterpriseNumber.format(organisation.getEnterpriseNumber()) + " is already registered");
        }
        Organisation saved = organisations.save(organisation);
        if (userId != null) {
            members.save(new OrganisationMember(saved.getId(), userId, true));
        }
        return saved;
    }

    @Transactional
    public void addMember(Long organisationId, String userId) {
        get(organisationId);
        if (!members.existsByOrganisationIdAndUserId(organisationId, userId)) {
            members.save(new OrganisationMember(organisationId, userId, false));
        }
    }

    /** Mail to the organisation's contact address was refused: the profile shows why. */
    @Transactional
    public void reportContactProblem(Long organisationId, String problem) {
        get(organisationId).reportContactProblem(problem);
    }

    @Transactional(readOnly = true)
    public Organisation get(Long id) {
        return organisations.findById(id)
                .orElseThrow(() -> new NotFoundException("organisation.unknown", "organisationId", "Unknown organisation " + id));
    }

    /** Ids of the organisations a portal user acts for. */
    @Transactional(readOnly = true)
    public java.util.List<Long> organisationsOf(String userId) {
        return members.findByUserId(userId).stream().map(OrganisationMember::getOrganisationId).toList();
    }

    @Transactional(readOnly = true)
    public boolean isMember(Long organisationId, String userId) {
        return userId != null && members.existsByOrganisationIdAndUserId(organisationId, userId);
    }

    /** Finds a partner by enterprise number; partners must be registered organisations. */
    @Transactional(readOnly = true)
    public Organisation byEnterpriseNumber(String enterpriseNumber, String field) {
        String normalised = EnterpriseNumber.normalise(enterpriseNumber, field);
        return organisations.findByEnterpriseNumber(normalised).orElseThrow(() -> new NotFoundException(
                "organisation.unknownEnterpriseNumber", field,
                "No organisation with enterprise number " + EnterpriseNumber.format(normalised) + " is registered"));
    }
}
