package be.subside.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One line of the audit trail: who did what, when, to which call or case. Never updated, never deleted. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "call_id")
    private Long callId;

    @Column(name = "application_id")
    private Long applicationId;

    @Column(nullable = false, length = 64)
    private String type;

    @Column(nullable = false, length = 128)
    private String actor;

    @Column(length = 4000)
    private String detail;

    protected AuditEvent() {
    }

    AuditEvent(Instant occurredAt, Long callId, Long applicationId, String type, String actor, String detail) {
        this.occurredAt = occurredAt;
        this.callId = callId;
        this.applicationId = applicationId;
        this.type = type;
        this.actor = actor;
        this.detail = detail == null || detail.length() <= 4000 ? detail : detail.substring(0, 4000);
    }

    public Long getId() {
        return id;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public Long getCallId() {
        return callId;
    }

    public Long getApplicationId() {
        return applicationId;
    }

    public String getType() {
        return type;
    }

    public String getActor() {
        return actor;
    }

    public String getDetail() {
        return detail;
    }
}
