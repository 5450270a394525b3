package be.subside.identity;

import be.subside.shared.ForbiddenException;
import be.subside.shared.InvalidInputException;
import be.subside.shared.NotFoundException;
import java.time.Clock;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class OrganisationService {

    private final OrganisationRepository organisations;
    private final OrganisationMemberRepository members;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OrganisationService(OrganisationRepository organisations, OrganisationMemberRepository members,
            ApplicationEventPublisher events, Clock clock) {
        this.organisations = organisations;
        this.members = members;
        this.events = events;
        this.clock = clock;
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
            members.save(new OrganisationMember(saved.getId(), userId, true, null, clock.instant()));
        }
        return saved;
    }

    @Transactional
    public void addMember(Long organisationId, String userId) {
        get(organisationId);
        if (!members.existsByOrganisationIdAndUserId(organisationId, userId)) {
            members.save(new OrganisationMember(organisationId, userId, false, null, clock.instant()));
        }
    }

    /** The people who act for an organisation, administrators first; only its members may see them. */
    @Transactional(readOnly = true)
    public List<OrganisationMember> members(Long organisationId, String userId) {
        requireMember(organisationId, userId);
        return members.findByOrganisationIdOrderByIdAsc(organisationId).stream()
                .sorted(java.util.Comparator.comparing(m -> !m.isAdministrator())).toList();
    }

    /** Whether this user administers the organisation (may invite, remove and correct the profile). */
    @Transactional(readOnly = true)
    public boolean isAdministrator(Long organisationId, String userId) {
        return userId != null && members.findByOrganisationIdAndUserId(organisationId, userId)
                .map(OrganisationMember::isAdministrator).orElse(false);
    }

    /**
     * An administrator invites a colleague by e-mail address: the address becomes a member at once and is told by mail;
     * it acts for the organisation as soon as it signs in with an account of that address.
     */
    @Transactional
    public void invite(Long organisationId, String administratorId, String email) {
        Organisation organisation = requireAdministrator(organisationId, administratorId);
        String invited = ApplicantAccounts.normaliseEmail(email);
        if (members.existsByOrganisationIdAndUserId(organisationId, invited)) {
            throw new InvalidInputException("member.exists", "email", invited + " is already a member");
        }
        members.save(new OrganisationMember(organisationId, invited, false, administratorId, clock.instant()));
        events.publishEvent(new ColleagueInvited(invited, organisationId, organisation.getName(), administratorId,
                organisation.getLanguage()));
    }

    /** An administrator removes a colleague; the last administrator cannot remove themself. */
    @Transactional
    public void removeMember(Long organisationId, String administratorId, String userId) {
        requireAdministrator(organisationId, administratorId);
        OrganisationMember member = members.findByOrganisationIdAndUserId(organisationId, userId)
                .orElseThrow(() -> new NotFoundException("member.unknown", "userId", "No member " + userId));
        if (member.isAdministrator() && members.findByOrganisationIdOrderByIdAsc(organisationId).stream()
                .filter(OrganisationMember::isAdministrator).count() == 1) {
            throw new InvalidInputException("member.lastAdministrator", "userId",
                    "The organisation needs at least one administrator");
        }
        members.delete(member);
    }

    /** An administrator corrects the organisation's profile (not its enterprise number or administration). */
    @Transactional
    public void updateProfile(Long organisationId, String administratorId, String name, LegalForm legalForm,
            String street, String postalCode, String municipality, Language language, String contactEmail) {
        requireAdministrator(organisationId, administratorId).updateProfile(name, legalForm, street, postalCode,
                municipality, language, contactEmail);
    }

    /** The organisation, for one of its members; anyone else gets the same refusal whether it exists or not. */
    @Transactional(readOnly = true)
    public Organisation forMember(Long organisationId, String userId) {
        requireMember(organisationId, userId);
        return get(organisationId);
    }

    private void requireMember(Long organisationId, String userId) {
        if (!isMember(organisationId, userId)) {
            throw new ForbiddenException("organisation.notMember", "This organisation is not available to you");
        }
    }

    private Organisation requireAdministrator(Long organisationId, String userId) {
        requireMember(organisationId, userId);
        if (!isAdministrator(organisationId, userId)) {
            throw new ForbiddenException("organisation.notAdministrator",
                    "Only the organisation's administrators may do this");
        }
        return get(organisationId);
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
