package be.subside.notification;

import be.subside.application.Application;
import be.subside.application.ApplicationRepository;
import be.subside.application.InformationRequest;
import be.subside.application.InformationRequestRepository;
import be.subside.audit.AuditTrail;
import be.subside.call.Call;
import be.subside.call.Stage;
import be.subside.document.Document;
import be.subside.document.DocumentService;
import be.subside.evaluation.CaseDecision;
import be.subside.evaluation.DecisionKind;
import be.subside.evaluation.EvaluationService;
import be.subside.identity.AccountVerificationRequested;
import be.subside.identity.ColleagueInvited;
import be.subside.identity.PasswordResetRequested;
import be.subside.identity.Language;
import be.subside.identity.Organisation;
import be.subside.shared.NotFoundException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues the mails of the lifecycle in the outbox, rendered in the recipient organisation's language, in the
 * transaction of the step that decided them. Sending is the {@link OutboxDispatcher}'s job.
 */
@Service
public class NotificationService {

    private static final Logger log = LoggerFactory.getLogger(NotificationService.class);

    private final OutboxRepository outbox;
    private final ApplicationRepository applications;
    private final InformationRequestRepository informationRequests;
    private final EvaluationService evaluations;
    private final DocumentService documents;
    private final MailTemplates templates;
    private final AuditTrail audit;
    private final Clock clock;
    private final String publicUrl;
    private final JdbcTemplate jdbc;

    NotificationService(OutboxRepository outbox, ApplicationRepository applications,
            InformationRequestRepository informationRequests, EvaluationService evaluations, DocumentService documents,
            MailTemplates templates, AuditTrail audit, Clock clock, JdbcTemplate jdbc,
            @Value("${subside.public-url:http://localhost:8080}") String publicUrl) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.applications = applications;
        this.informationRequests = informationRequests;
        this.evaluations = evaluations;
        this.documents = documents;
        this.templates = templates;
        this.audit = audit;
        this.clock = clock;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    /** Queues the mail of a one-off event of a case. */
    @Transactional(propagation = Propagation.REQUIRED)
    public void notifyApplicant(Long applicationId, NotificationEvent event) {
        notifyApplicant(applicationId, event, null);
    }

    /**
     * Queues the mail of an event of a case. {@code occurrence} tells apart the occurrences of an event that happens
     * more than once in a case (each reminder, each extension); it is part of the idempotency key.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public void notifyApplicant(Long applicationId, NotificationEvent event, String occurrence) {
        Application application = applications.findDetailedById(applicationId).orElseThrow(
                () -> new NotFoundException("application.unknown", "applicationId", "Unknown application " + applicationId));
        Organisation lead = application.getLeadOrganisation();
        String key = key(application, event, occurrence);
        if (outbox.existsByIdempotencyKey(key)) {
            log.info("Mail {} already queued, not again", key);
            return;
        }
        Language language = lead.getLanguage();
        Map<String, Object> model = new HashMap<>();
        Long attachment = model(application, event, language, model);
        RenderedMail mail = templates.render(event, language, model);
        outbox.save(new OutboxMessage(key, applicationId, lead.getId(), event, lead.getContactEmail(), language, mail,
                attachment, clock.instant()));
        audit.recordCase(application.getCall().getId(), applicationId, "MAIL_QUEUED_" + event, AuditTrail.SYSTEM,
                lead.getContactEmail() + ": " + mail.subject());
    }

    /**
     * Queues one event's mail for many cases at once: a deadline closing a call's drafts. Each mail is the one
     * {@link #notifyApplicant(Long, NotificationEvent)} would queue, under the same idempotency key, so no case gets it
     * twice; rows go in JDBC batches, in case order. Events whose mail carries an attachment are refused. Returns how
     * many mails were queued.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int notifyApplicants(List<Long> applicationIds, NotificationEvent event) {
        List<Application> cases = new ArrayList<>(applications.findWithCallAndLeadByIdIn(applicationIds));
        int asked = new HashSet<>(applicationIds).size();
        if (cases.size() != asked) {
            throw new NotFoundException("application.unknown", "applicationIds",
                    (asked - cases.size()) + " of the applications are unknown");
        }
        cases.sort(Comparator.comparing(Application::getId));
        Map<Long, String> keys = new HashMap<>();
        cases.forEach(application -> keys.put(application.getId(), key(application, event, null)));
        Set<String> queued = outbox.findQueuedKeys(keys.values());
        Map<Language, List<Application>> byLanguage = new LinkedHashMap<>();
        for (Application application : cases) {
            if (!queued.contains(keys.get(application.getId()))) {
                byLanguage.computeIfAbsent(application.getLeadOrganisation().getLanguage(), l -> new ArrayList<>())
                        .add(application);
            }
        }
        Map<Long, RenderedMail> mails = new HashMap<>();
        byLanguage.forEach((language, group) -> {
            List<Map<String, Object>> models = new ArrayList<>();
            for (Application application : group) {
                Map<String, Object> model = new HashMap<>();
                if (model(application, event, language, model) != null) {
                    throw new IllegalArgumentException(event + " mails carry an attachment; queue them one by one");
                }
                models.add(model);
            }
            List<RenderedMail> rendered = render(event, language, models);
            for (int i = 0; i < group.size(); i++) {
                mails.put(group.get(i).getId(), rendered.get(i));
            }
        });
        Timestamp at = Timestamp.from(clock.instant());
        List<Object[]> rows = new ArrayList<>();
        Map<Long, Map<Long, String>> auditByCall = new LinkedHashMap<>();
        for (Application application : cases) {
            RenderedMail mail = mails.get(application.getId());
            if (mail == null) {
                continue;
            }
            Organisation lead = application.getLeadOrganisation();
            rows.add(new Object[] {keys.get(application.getId()), application.getId(), lead.getId(), event.name(),
                    lead.getContactEmail(), lead.getLanguage().name(), mail.subject(), mail.text(), mail.html(),
                    OutboxMessage.Status.PENDING.name(), at, at});
            auditByCall.computeIfAbsent(application.getCall().getId(), c -> new LinkedHashMap<>())
                    .put(application.getId(), lead.getContactEmail() + ": " + mail.subject());
        }
        jdbc.batchUpdate("insert into outbox_message (idempotency_key, application_id, organisation_id, event,"
                + " recipient, language, subject, body_text, body_html, status, attempts, next_attempt_at, created_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)", rows);
        auditByCall.forEach((callId, entries) -> audit.recordCases(callId, "MAIL_QUEUED_" + event, AuditTrail.SYSTEM,
                entries));
        return rows.size();
    }

    /**
     * The mails of one event in one language, one per model: through a stencil when there are several (the values that
     * differ between the models are filled per mail), each rendered alone otherwise. The first mail is also rendered
     * alone and compared; should a template ever treat a value in a way the stencil cannot follow, every mail is
     * rendered alone.
     */
    private List<RenderedMail> render(NotificationEvent event, Language language, List<Map<String, Object>> models) {
        if (models.size() < 2) {
            return renderEach(event, language, models);
        }
        Map<String, Object> first = models.get(0);
        Set<String> varying = new HashSet<>();
        for (Map<String, Object> model : models) {
            if (!model.keySet().equals(first.keySet())) {
                throw new IllegalStateException(event + " mails with different variables");
            }
            first.forEach((name, value) -> {
                if (!java.util.Objects.equals(value, model.get(name))) {
                    varying.add(name);
                }
            });
        }
        MailTemplates.Stencil stencil = templates.stencil(event, language, first, varying);
        if (!stencil.fill(first).equals(templates.render(event, language, first))) {
            log.warn("The stencil of {} ({}) differs from the template's own rendering; rendering each mail", event,
                    language);
            return renderEach(event, language, models);
        }
        return models.stream().map(stencil::fill).toList();
    }

    private List<RenderedMail> renderEach(NotificationEvent event, Language language, List<Map<String, Object>> models) {
        return models.stream().map(model -> templates.render(event, language, model)).toList();
    }

    private static String key(Application application, NotificationEvent event, String occurrence) {
        return event + ":" + application.getReference() + ":" + application.getLeadOrganisation().getContactEmail()
                + (occurrence == null ? "" : ":" + occurrence);
    }

    /** Queues a staff member's digest of new tasks; one per person and period at most. */
    @Transactional
    public void notifyStaff(String userId, String email, String staffName, String groupName, Instant since,
            String period, List<TaskLine> tasks, String tasklistUrl) {
        String key = NotificationEvent.STAFF_DIGEST + ":" + groupName + ":" + userId + ":" + period;
        if (outbox.existsByIdempotencyKey(key) || tasks.isEmpty()) {
            return;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("staffName", staffName);
        model.put("groupName", groupName);
        model.put("since", MailFormats.moment(since, Language.FR));
        model.put("taskCount", String.valueOf(tasks.size()));
        model.put("tasklistUrl", tasklistUrl);
        model.put("tasks", tasks);
        RenderedMail mail = templates.render(NotificationEvent.STAFF_DIGEST, Language.FR, model);
        outbox.save(new OutboxMessage(key, null, null, NotificationEvent.STAFF_DIGEST, email, Language.FR, mail, null,
                clock.instant()));
    }

    /**
     * The mail answering a registration: the verification link for a new account, or a note that the address already
     * has one (at most one such note a day), so that registering reveals nothing to whoever typed the address.
     */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void onRegistration(AccountVerificationRequested request) {
        if (request.alreadyRegistered()) {
            queueAccountMail(NotificationEvent.ACCOUNT_EXISTS, request.email(), request.language(),
                    be.subside.shared.Deadlines.brusselsDate(clock.instant()).toString(),
                    Map.of("email", request.email(), "loginUrl", publicUrl + "/portal/login"));
        } else {
            queueAccountMail(NotificationEvent.ACCOUNT_VERIFICATION, request.email(), request.language(),
                    request.verificationToken().substring(0, 12), Map.of("email", request.email(),
                            "verificationUrl", publicUrl + "/portal/verify?token=" + request.verificationToken(),
                            "validUntil", MailFormats.moment(request.validUntil(), request.language())));
        }
    }

    /** The reset link goes to the address that asked, in the account's language; one mail per link. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void onPasswordReset(PasswordResetRequested request) {
        queueAccountMail(NotificationEvent.PASSWORD_RESET, request.email(), request.language(),
                request.resetToken().substring(0, 12), Map.of("email", request.email(),
                        "resetUrl", publicUrl + "/portal/password/reset?token=" + request.resetToken(),
                        "validUntil", MailFormats.moment(request.validUntil(), request.language())));
    }

    /** The invitation goes to the invited address, in the organisation's language; once per organisation. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void onInvitation(ColleagueInvited invitation) {
        queueAccountMail(NotificationEvent.COLLEAGUE_INVITED, invitation.email(), invitation.language(),
                "organisation-" + invitation.organisationId(), Map.of("email", invitation.email(),
                        "organisationName", invitation.organisationName(), "invitedBy", invitation.invitedBy(),
                        "loginUrl", publicUrl + "/portal/login", "registerUrl", publicUrl + "/portal/register"));
    }

    private void queueAccountMail(NotificationEvent event, String recipient, Language language, String occurrence,
            Map<String, Object> model) {
        String key = event + ":" + recipient + ":" + occurrence;
        if (outbox.existsByIdempotencyKey(key)) {
            return;
        }
        RenderedMail mail = templates.render(event, language, new HashMap<>(model));
        outbox.save(new OutboxMessage(key, null, null, event, recipient, language, mail, null, clock.instant()));
    }

    /** One line of a staff digest. */
    public record TaskLine(String name, String reference, String created) {
    }

    @Transactional(readOnly = true)
    public List<OutboxMessage> sentFor(Long applicationId) {
        return outbox.findByApplicationIdOrderByIdAsc(applicationId);
    }

    /** Fills the template variables of the event; returns the id of a document to attach, if any. */
    private Long model(Application application, NotificationEvent event, Language language, Map<String, Object> model) {
        Call call = application.getCall();
        Instant now = clock.instant();
        model.put("organisationName", application.getLeadOrganisation().getName());
        model.put("reference", application.getReference());
        model.put("callTitle", language == Language.NL ? call.getTitleNl() : call.getTitleFr());
        model.put("portalUrl", publicUrl + "/portal/applications/" + application.getReference());
        switch (event) {
            case DRAFT_STARTED -> model.put("stage1Deadline", MailFormats.deadline(call.getStage1Deadline(), language));
            case STAGE1_REMINDER, DRAFT_CLOSED -> deadline(model, call.getStage1Deadline(), now, language);
            case STAGE2_REMINDER, SUBSIDY_REQUEST_CLOSED -> deadline(model, call.getStage2Deadline(), now, language);
            case SELECTED -> model.put("stage2Deadline", MailFormats.deadline(call.getStage2Deadline(), language));
            case INFORMATION_REQUESTED -> {
                InformationRequest request = informationRequests.findFirstByApplicationIdAndStatus(application.getId(),
                        InformationRequest.Status.OPEN).orElseThrow();
                model.put("missingInformation", request.getRequestText());
                model.put("responseDeadline", MailFormats.deadline(request.getDeadline(), language));
            }
            case INADMISSIBLE -> model.put("motivation", decision(application, DecisionKind.ADMISSIBILITY).getMotivation());
            case INELIGIBLE -> model.put("motivation", decision(application, DecisionKind.ELIGIBILITY).getMotivation());
            case NOT_SELECTED -> model.put("motivation", decision(application, DecisionKind.SELECTION).getMotivation());
            case GRANT_REFUSED -> model.put("motivation", decision(application, DecisionKind.GRANT).getMotivation());
            case GRANTED -> {
                CaseDecision grant = decision(application, DecisionKind.GRANT);
                model.put("amount", MailFormats.amount(grant.getAmount(), language));
                model.put("conditions", grant.getConditions() == null ? "" : grant.getConditions());
            }
            case STAGE1_SUBMITTED, STAGE2_SUBMITTED -> {
                Stage stage = event == NotificationEvent.STAGE1_SUBMITTED ? Stage.STAGE1 : Stage.STAGE2;
                List<Document> submitted = documents.current(application.getId(), stage);
                Document receipt = submitted.stream().filter(d -> Document.RECEIPT.equals(d.getSlot())).findFirst()
                        .orElseThrow(() -> new IllegalStateException("No receipt for " + application.getReference()));
                model.put("submittedAt", MailFormats.moment(stage == Stage.STAGE1 ? application.getStage1SubmittedAt()
                        : application.getStage2SubmittedAt(), language));
                model.put("documentCount", String.valueOf(submitted.size() - 1));
                model.put("receiptSha256", receipt.getSha256());
                return receipt.getId();
            }
            case DEADLINE_EXTENDED -> {
                boolean stage1 = application.getStage1SubmittedAt() == null;
                model.put("stageLabel", stage1
                        ? (language == Language.NL ? "voorafgaand kandidaatsdossier" : "dossier de candidature préalable")
                        : (language == Language.NL ? "subsidieaanvraag" : "demande de subvention"));
                model.put("deadline", MailFormats.deadline(stage1 ? call.getStage1Deadline() : call.getStage2Deadline(),
                        language));
            }
            case STAFF_DIGEST, ACCOUNT_VERIFICATION, ACCOUNT_EXISTS ->
                    throw new IllegalArgumentException(event + " is not a mail about a case");
            default -> throw new IllegalArgumentException("No mail for " + event);
        }
        return null;
    }

    private static void deadline(Map<String, Object> model, Instant deadline, Instant now, Language language) {
        model.put("deadline", MailFormats.deadline(deadline, language));
        long hours = Math.max(0, Duration.between(now, deadline).toHours());
        model.put("daysLeft", String.valueOf((hours + 23) / 24));
    }

    private CaseDecision decision(Application application, DecisionKind kind) {
        return evaluations.latest(application.getId(), kind).orElseThrow(
                () -> new IllegalStateException("No " + kind + " decision on " + application.getReference()));
    }
}
