package be.subside.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
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
    private final JdbcTemplate jdbc;

    /** Rows per JDBC batch of bulk entries. */
    private static final int BATCH = 500;

    AuditTrail(AuditEventRepository events, Clock clock, JdbcTemplate jdbc) {
        this.events = events;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void recordCall(Long callId, String type, String actor, String detail) {
        events.save(new AuditEvent(clock.instant(), callId, null, type, actor, detail));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void recordCase(Long callId, Long applicationId, String type, String actor, String detail) {
        events.save(new AuditEvent(clock.instant(), callId, applicationId, type, actor, detail));
    }

    /**
     * One entry for each of many cases at once (a deadline closing a call's drafts, their mails), written in JDBC
     * batches: one statement per row would cost a round trip each.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordCases(Long callId, String type, String actor, Map<Long, String> detailByApplication) {
        Timestamp at = Timestamp.from(clock.instant());
        jdbc.batchUpdate("insert into audit_event (occurred_at, call_id, application_id, type, actor, detail)"
                + " values (?, ?, ?, ?, ?, ?)", List.copyOf(detailByApplication.entrySet()), BATCH, (statement, entry) -> {
                    statement.setTimestamp(1, at);
                    statement.setLong(2, callId);
                    statement.setLong(3, entry.getKey());
                    statement.setString(4, type);
                    statement.setString(5, actor);
                    statement.setString(6, entry.getValue());
                });
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
