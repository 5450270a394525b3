package be.subside.notification;

import be.subside.shared.NotFoundException;
import be.subside.shared.StateConflictException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What staff see of the outbox and what they can do: list messages that need attention, retry a failed one. */
@Service
public class OutboxAdministration {

    private final OutboxRepository outbox;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;
    private final Clock clock;

    OutboxAdministration(OutboxRepository outbox, org.springframework.jdbc.core.JdbcTemplate jdbc, Clock clock) {
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<OutboxMessage> needingAttention() {
        return outbox.findByStatusInOrderByIdDesc(EnumSet.of(OutboxMessage.Status.FAILED, OutboxMessage.Status.PENDING,
                OutboxMessage.Status.SENDING));
    }

    @Transactional(readOnly = true)
    public List<OutboxMessage> delivered() {
        return outbox.findByStatusInOrderByIdDesc(EnumSet.of(OutboxMessage.Status.SENT, OutboxMessage.Status.LOGGED));
    }

    /** Puts a failed message back in line, with a fresh set of attempts. */
    @Transactional
    public void retry(Long id) {
        OutboxMessage message = outbox.findById(id)
                .orElseThrow(() -> new NotFoundException("outbox.unknown", "id", "No message " + id));
        if (message.getStatus() != OutboxMessage.Status.FAILED) {
            throw new StateConflictException("outbox.notFailed", "Message " + id + " is " + message.getStatus());
        }
        jdbc.update("update outbox_message set status = 'PENDING', attempts = 0, next_attempt_at = ?, locked_until = null "
                + "where id = ?", java.sql.Timestamp.from(clock.instant()), id);
    }
}
