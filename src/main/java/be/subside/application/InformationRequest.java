package be.subside.application;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A request for missing information or documents, with its own response deadline. */
@Entity
@Table(name = "information_request")
public class InformationRequest {

    public enum Status { OPEN, ANSWERED, UNANSWERED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "application_id", nullable = false)
    private Long applicationId;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    @Column(name = "requested_by", nullable = false, length = 128)
    private String requestedBy;

    @Column(name = "request_text", nullable = false, length = 4000)
    private String requestText;

    @Column(nullable = false)
    private Instant deadline;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Status status = Status.OPEN;

    @Column(name = "response_text", length = 8000)
    private String responseText;

    @Column(name = "responded_at")
    private Instant respondedAt;

    @Column(name = "responded_by", length = 128)
    private String respondedBy;

    protected InformationRequest() {
    }

    InformationRequest(Long applicationId, Instant requestedAt, String requestedBy, String requestText, Instant deadline) {
        this.applicationId = applicationId;
        this.requestedAt = requestedAt;
        this.requestedBy = requestedBy;
        this.requestText = requestText;
        this.deadline = deadline;
    }

    void answer(String text, String by, Instant at) {
        this.responseText = text;
        this.respondedBy = by;
        this.respondedAt = at;
        this.status = Status.ANSWERED;
    }

    void lapse() {
        this.status = Status.UNANSWERED;
    }

    public Long getId() {
        return id;
    }

    public Long getApplicationId() {
        return applicationId;
    }

    public Instant getRequestedAt() {
        return requestedAt;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    public String getRequestText() {
        return requestText;
    }

    public Instant getDeadline() {
        return deadline;
    }

    public Status getStatus() {
        return status;
    }

    public String getResponseText() {
        return responseText;
    }

    public Instant getRespondedAt() {
        return respondedAt;
    }
}
