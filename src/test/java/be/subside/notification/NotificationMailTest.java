package be.subside.notification;

import static org.assertj.core.api.Assertions.*;

import be.subside.Fixtures;
import be.subside.IntegrationTest;
import be.subside.PostgresInitializer;
import be.subside.application.Application;
import be.subside.application.ApplicationService;
import be.subside.call.Administration;
import be.subside.call.Call;
import be.subside.call.CallService;
import be.subside.call.Stage;
import be.subside.identity.Language;
import be.subside.identity.LegalForm;
import be.subside.identity.Organisation;
import be.subside.identity.OrganisationService;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Mails through a real SMTP server (GreenMail) from a real PostgreSQL outbox. */
@IntegrationTest
class NotificationMailTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    ApplicationService applications;
    @Autowired
    CallService calls;
    @Autowired
    OrganisationService organisations;
    @Autowired
    OutboxDispatcher dispatcher;
    @Autowired
    OutboxAdministration administration;
    @Autowired
    NotificationService notifications;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    be.subside.process.StaffDigest digest;
    @Autowired
    org.camunda.bpm.engine.IdentityService engineIdentity;

    GreenMail smtp;
    Call call;
    Organisation partner;

    @BeforeEach
    void startSmtp() {
        smtp = new GreenMail(new ServerSetup(PostgresInitializer.SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        deliverEverythingPending(); // what earlier tests left in the shared outbox is not this test's mail
        smtp.reset();
        call = fixtures.openCall();
        partner = fixtures.organisation(Administration.COCOF);
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    void deliverEverythingPending() {
        Fixtures.setClock(Fixtures.START.plus(Duration.ofDays(3650)));
        dispatcher.dispatchDue();
        Fixtures.setClock(Fixtures.START);
    }

    List<MimeMessage> mailsTo(String recipient) throws Exception {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(recipient);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The decoded text/plain part of a mail. */
    static String text(MimeMessage message) throws Exception {
        String text = plain(message);
        assertThat(text).as("text/plain part").isNotNull();
        return text;
    }

    private static String plain(jakarta.mail.Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = plain(multipart.getBodyPart(i));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    String pi(Application application) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(application.getReference()).singleResult()
                .getId();
    }

    void complete(Application application, String taskKey, String user, Map<String, Object> variables) {
        String task = tasks.createTaskQuery().processInstanceId(pi(application)).taskDefinitionKey(taskKey).singleResult()
                .getId();
        tasks.claim(task, user);
        tasks.complete(task, variables);
    }

    @Test
    void eachEventSendsExactlyOneMailInTheOrganisationsLanguage() throws Exception {
        Organisation fr = fixtures.organisation(Administration.COCOF);
        Organisation nl = fixtures.organisation(Administration.COCOM);
        Application french = fixtures.submitted(call, fr, partner, "1000");
        Application dutch = fixtures.draft(call, nl);
        applications.submitStage1(dutch.getReference(), Fixtures.user(nl), Fixtures.stage1(partner, "1000"));
        complete(dutch, "Task_CheckAdmissibility", "cocom-agent1", Map.of("admissibilityDecision", "INADMISSIBLE",
                "admissibilityMotivation", "Het dossier werd na de uiterste datum ingediend."));

        assertThat(dispatcher.dispatchDue()).isEqualTo(5);
        assertThat(dispatcher.dispatchDue()).isZero();

        List<MimeMessage> toFrench = mailsTo(fr.getContactEmail());
        assertThat(toFrench).extracting(MimeMessage::getSubject).hasSize(2)
                .allMatch(subject -> subject.startsWith(french.getReference()));
        assertThat(text(toFrench.get(0))).contains("candidature", "31 mars 2030 à 24:00", "Europe/Brussels");
        MimeMessage receipt = toFrench.get(1);
        assertThat(receipt.getContent()).isInstanceOf(Multipart.class);
        assertThat(GreenMailUtil.getWholeMessage(receipt)).contains("application/pdf", "accuse-de-reception-ontvangstbewijs");
        assertThat(receipt.getHeader("Message-ID")[0]).endsWith("@subside>");
        assertThat(receipt.getFrom()[0].toString()).isEqualTo("subsides@subside.example");

        List<MimeMessage> toDutch = mailsTo(nl.getContactEmail());
        assertThat(toDutch).hasSize(3);
        assertThat(text(toDutch.get(0))).contains("31 maart 2030 om 24:00", "Europe/Brussels");
        assertThat(text(toDutch.get(2))).contains("Het dossier werd na de uiterste datum ingediend.");
        assertThat(GreenMailUtil.getWholeMessage(toDutch.get(2))).contains("lang=3D\"nl\"");
        assertThat(notifications.sentFor(dutch.getId())).extracting(OutboxMessage::getStatus)
                .containsOnly(OutboxMessage.Status.SENT);
    }

    @Test
    void remindersStopOnceSubmitted() throws Exception {
        Organisation lead = fixtures.organisation(Administration.COCOF);
        Application draft = fixtures.draft(call, lead);
        Job reminder = management.createJobQuery().processInstanceId(pi(draft)).activityId("Timer_Stage1Reminder")
                .singleResult();
        Fixtures.setClock(reminder.getDuedate().toInstant());
        management.executeJob(reminder.getId());
        // the same reminder run twice (a retried job, a second node) queues it once
        notifications.notifyApplicant(draft.getId(), NotificationEvent.STAGE1_REMINDER,
                reminder.getDuedate().toInstant().toString());
        applications.submitStage1(draft.getReference(), Fixtures.user(lead), Fixtures.stage1(partner, "1000"));
        dispatcher.dispatchDue();

        assertThat(mailsTo(lead.getContactEmail())).extracting(MimeMessage::getSubject).hasSize(3);
        assertThat(text(mailsTo(lead.getContactEmail()).get(1))).contains("14 jours");
        assertThat(management.createJobQuery().processInstanceId(pi(draft)).count()).isZero();
    }

    @Test
    void mailsWaitForTheServerAndAreDeliveredOnceItIsBack() throws Exception {
        Organisation lead = fixtures.organisation(Administration.COCOF);
        smtp.stop();
        Application submitted = fixtures.submitted(call, lead, partner, "1000");

        assertThat(dispatcher.dispatchDue()).isEqualTo(2);
        Fixtures.setClock(Fixtures.START.plus(Duration.ofSeconds(31)));
        assertThat(dispatcher.dispatchDue()).isEqualTo(2);
        assertThat(notifications.sentFor(submitted.getId())).allSatisfy(m -> {
            assertThat(m.getStatus()).isEqualTo(OutboxMessage.Status.PENDING);
            assertThat(m.getAttempts()).isEqualTo(2);
            assertThat(m.getLastError()).isNotBlank();
        });
        Fixtures.setClock(Fixtures.START.plus(Duration.ofSeconds(60)));
        assertThat(dispatcher.dispatchDue()).as("backoff: the second retry waits 60 s").isZero();

        smtp = new GreenMail(new ServerSetup(PostgresInitializer.SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Fixtures.setClock(Fixtures.START.plus(Duration.ofSeconds(92)));
        assertThat(dispatcher.dispatchDue()).isEqualTo(2);
        Fixtures.setClock(Fixtures.START.plus(Duration.ofDays(1)));
        assertThat(dispatcher.dispatchDue()).isZero();
        assertThat(mailsTo(lead.getContactEmail())).hasSize(2);
    }

    @Test
    void aDispatcherKilledBetweenSendingAndMarkingSendsAgainOnce() throws Exception {
        Organisation lead = fixtures.organisation(Administration.COCOF);
        Application draft = fixtures.draft(call, lead);
        assertThat(dispatcher.dispatchDue()).isEqualTo(1);
        Long id = notifications.sentFor(draft.getId()).get(0).getId();
        // the state a crash leaves behind: the mail went out, the row still says SENDING under a lease
        jdbc.update("update outbox_message set status = 'SENDING', sent_at = null, locked_until = ? where id = ?",
                java.sql.Timestamp.from(Fixtures.START.plus(Duration.ofMinutes(5))), id);

        assertThat(dispatcher.dispatchDue()).as("lease still running").isZero();
        Fixtures.setClock(Fixtures.START.plus(Duration.ofMinutes(5)));
        assertThat(dispatcher.dispatchDue()).isEqualTo(1);
        assertThat(dispatcher.dispatchDue()).isZero();

        List<MimeMessage> mails = mailsTo(lead.getContactEmail());
        assertThat(mails).as("at least once: one duplicate per message in flight when the dispatcher died").hasSize(2);
        assertThat(mails.get(0).getHeader("Message-ID")).isEqualTo(mails.get(1).getHeader("Message-ID"));
    }

    @Test
    void aRefusedAddressFlagsTheOrganisationAndTheProcessGoesOn() throws Exception {
        Organisation typo = organisations.register(new Organisation("ASBL Coquille", LegalForm.ASBL_VZW,
                Fixtures.enterpriseNumber(900_001), "Rue Haute 1", "1000", "Bruxelles", Administration.COCOF,
                Language.FR, "contact@exa_mple.org"), "typo@test.example");
        Application application = applications.startDraft(call.getCode(), typo.getId(), "typo@test.example");

        dispatcher.dispatchDue();

        OutboxMessage message = notifications.sentFor(application.getId()).get(0);
        assertThat(message.getStatus()).isEqualTo(OutboxMessage.Status.FAILED);
        assertThat(message.getAttempts()).isEqualTo(1);
        assertThat(organisations.get(typo.getId()).getContactEmailProblem())
                .contains("contact@exa_mple.org", "refused");
        assertThat(tasks.createTaskQuery().processInstanceId(pi(application)).singleResult().getTaskDefinitionKey())
                .isEqualTo("Task_SubmitPreliminaryDossier");
        assertThat(administration.needingAttention()).extracting(OutboxMessage::getId).contains(message.getId());
    }

    @Test
    void exhaustedMessagesAreVisibleToStaffAndCanBeRetried() throws Exception {
        Organisation lead = fixtures.organisation(Administration.COCOF);
        smtp.stop();
        Application draft = fixtures.draft(call, lead);
        for (int minute = 0; minute < 30; minute++) {
            Fixtures.setClock(Fixtures.START.plus(Duration.ofMinutes(minute)));
            dispatcher.dispatchDue();
        }
        OutboxMessage failed = notifications.sentFor(draft.getId()).get(0);
        assertThat(failed.getStatus()).isEqualTo(OutboxMessage.Status.FAILED);
        assertThat(failed.getAttempts()).isEqualTo(4);
        assertThat(administration.needingAttention()).extracting(OutboxMessage::getId).contains(failed.getId());

        smtp = new GreenMail(new ServerSetup(PostgresInitializer.SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        administration.retry(failed.getId());
        dispatcher.dispatchDue();

        assertThat(notifications.sentFor(draft.getId()).get(0).getStatus()).isEqualTo(OutboxMessage.Status.SENT);
        assertThat(mailsTo(lead.getContactEmail())).hasSize(1);
        assertThatThrownBy(() -> administration.retry(failed.getId()))
                .isInstanceOf(be.subside.shared.StateConflictException.class);
    }

    @Test
    void staffGetOneDigestOfTheirGroupsNewTasks() throws Exception {
        org.camunda.bpm.engine.IdentityService identity = engineIdentity;
        for (String id : List.of("digest-cocof1", "digest-cocof2", "digest-cocom1")) {
            if (identity.createUserQuery().userId(id).count() == 0) {
                org.camunda.bpm.engine.identity.User user = identity.newUser(id);
                user.setFirstName("Agent");
                user.setLastName(id);
                user.setEmail(id + "@admin.example");
                user.setPassword("Digest-password-1");
                identity.saveUser(user);
                identity.createMembership(id, id.startsWith("digest-cocof") ? "staff-cocof" : "staff-cocom");
            }
        }
        Organisation lead = fixtures.organisation(Administration.COCOF);
        Application first = fixtures.submitted(call, lead, partner, "1000");
        Application second = fixtures.submitted(call, lead, partner, "2000");
        Fixtures.setClock(Fixtures.START.plus(Duration.ofHours(2)));
        smtp.reset();

        digest.queueDigests();
        digest.queueDigests();
        dispatcher.dispatchDue();

        for (String cocof : List.of("digest-cocof1@admin.example", "digest-cocof2@admin.example")) {
            List<MimeMessage> mails = mailsTo(cocof);
            assertThat(mails).hasSize(1);
            assertThat(text(mails.get(0))).contains(first.getReference(), second.getReference(),
                    "Vérifier la recevabilité");
        }
        // COCOM staff get their own group's digest (other tests' cases), never the COCOF cases
        for (MimeMessage cocom : mailsTo("digest-cocom1@admin.example")) {
            assertThat(text(cocom)).doesNotContain(first.getReference(), second.getReference());
        }
    }

    @Test
    void extendingADeadlineTellsEachOpenDraftOnce() throws Exception {
        Organisation lead = fixtures.organisation(Administration.COCOF);
        fixtures.draft(call, lead);
        java.time.Instant later = be.subside.shared.Deadlines.endOfDay(java.time.LocalDate.of(2030, 4, 7));
        calls.extendDeadline(call.getCode(), Stage.STAGE1, later, "manager");
        dispatcher.dispatchDue();

        List<MimeMessage> mails = mailsTo(lead.getContactEmail());
        assertThat(mails).hasSize(2);
        assertThat(text(mails.get(1))).contains("7 avril 2030 à 24:00");
    }
}
