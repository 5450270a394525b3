package be.subside.notification;

import be.subside.identity.Language;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A rendered e-mail waiting to be sent, written in the transaction of the step that decided it (the transactional
 * outbox). Its idempotency key (case, event, recipient, and what makes a repeatable event unique) is unique: a re-run
 * of the step, or a second node running it, cannot queue it twice.
 */
@Entity
@Table(name = "outbox_message")
public class OutboxMessage {

    public enum Status {
        /** Waiting for its next attempt. */
        PENDING,
        /** Claimed by a dispatcher until {@code lockedUntil}; reclaimed after that if the dispatcher died. */
        SENDING,
        SENT,
        /** No mail server configured (embedded default): written to the log instead. */
        LOGGED,
        /** Attempts exhausted or recipient refused: visible to staff, who can retry it. */
        FAILED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "idempotency_key", nullable = false, unique = true, length = 200)
    private String idempotencyKey;

    @Column(name = "application_id")
    private Long applicationId;

    @Column(name = "organisation_id")
    private Long organisationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private NotificationEvent event;

    @Column(nullable = false, length = 254)
    private String recipient;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 2)
    private Language language;

    @Column(nullable = false, length = 500)
    private String subject;

    @Column(name = "body_text", nullable = false, length = 20000)
    private String bodyText;

    @Column(name = "body_html", nullable = false, length = 40000)
    private String bodyHtml;

    @Column(name = "attachment_document_id")
    private Long attachmentDocumentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Status status = Status.PENDING;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Column(name = "last_error", length = 2000)
    private String lastError;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    protected OutboxMessage() {
    }

    OutboxMessage(String idempotencyKey, Long applicationId, Long organisationId, NotificationEvent event,
            String recipient, Language language, RenderedMail mail, Long attachmentDocumentId, Instant now) {
        this.idempotencyKey = idempotencyKey;
        this.applicationId = applicationId;
        this.organisationId = organisationId;
        this.event = event;
        this.recipient = recipient;
        this.language = language;
        this.subject = mail.subject();
        this.bodyText = mail.text();
        this.bodyHtml = mail.html();
        this.attachmentDocumentId = attachmentDocumentId;
        this.nextAttemptAt = now;
        this.createdAt = now;
    }

    public Long getId() {
        return id;
    }

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public Long getApplicationId() {
        return applicationId;
    }

    public Long getOrganisationId() {
        return organisationId;
    }

    public NotificationEvent getEvent() {
        return event;
    }

    public String getRecipient() {
        return recipient;
    }

    public Language getLanguage() {
        return language;
    }

    public String getSubject() {
        return subject;
    }

    public String getBodyText() {
        return bodyText;
    }

    public String getBodyHtml() {
        return bodyHtml;
    }

    public Long getAttachmentDocumentId() {
        return attachmentDocumentId;
    }

    public Status getStatus() {
        return status;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public String getLastError() {
        return lastError;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getSentAt() {
        return sentAt;
    }
}
