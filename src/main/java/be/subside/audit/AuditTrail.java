package be.subside.audit;

import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Writes the audit trail inside the caller's transaction: a step that rolls back leaves no trace. */
@Service
public class AuditTrail {

    /** The actor of steps taken by the system itself (timers, automatic closures). */
    public static final String SYSTEM = "system";

    private final AuditEventRepository events;
    private final Clock clock;

    AuditTrail(AuditEventRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void recordCall(Long callId, String type, String actor, String detail) {
        events.save(new AuditEvent(clock.instant(), callId, null, type, actor, detail));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void recordCase(Long callId, Long applicationId, String type, String actor, String detail) {
        events.save(new AuditEvent(clock.instant(), callId, applicationId, type, actor, detail));
    }

    @Transactional(readOnly = true)
    public List<AuditEvent> caseTimeline(Long applicationId) {
        return events.findByApplicationIdOrderByIdAsc(applicationId);
    }

    @Transactional(readOnly = true)
    public List<AuditEvent> callTimeline(Long callId) {
        return events.findByCallIdOrderByIdAsc(callId);
    }
}
