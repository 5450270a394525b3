package be.subside.process;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Sets the next reminder of a stage: the earliest "deadline minus offset" still ahead, or null when none is left (the
 * reminder loop then ends). A reminder whose moment passed while the application was down is skipped, not sent late.
 */
@Component("scheduleReminderDelegate")
class ScheduleReminderDelegate implements JavaDelegate {

    private final List<Duration> offsets;
    private final Clock clock;

    ScheduleReminderDelegate(@Value("${subside.reminders.offsets:P14D,P7D,P1D}") List<Duration> offsets, Clock clock) {
        this.offsets = List.copyOf(offsets);
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        boolean stage1 = "STAGE1".equals(execution.getVariableLocal(ProcessVariables.REMINDER_STAGE));
        Date deadline = (Date) execution.getVariable(stage1 ? ProcessVariables.STAGE1_DEADLINE : ProcessVariables.STAGE2_DEADLINE);
        Optional<Instant> next = next(deadline.toInstant(), clock.instant());
        execution.setVariable(stage1 ? ProcessVariables.STAGE1_REMINDER_AT : ProcessVariables.STAGE2_REMINDER_AT,
                next.map(Date::from).orElse(null));
    }

    Optional<Instant> next(Instant deadline, Instant now) {
        return offsets.stream().map(deadline::minus).filter(now::isBefore).filter(deadline::isAfter)
                .min(Comparator.naturalOrder());
    }

    /**
     * Whether a reminder due at {@code due} is still worth sending {@code now}: its timer may fire late (the
     * application was down). Not once the deadline has passed, nor when a later reminder's moment has come too (that
     * one says more, and the loop schedules from now).
     */
    boolean stillUseful(Instant due, Instant deadline, Instant now) {
        return now.isBefore(deadline) && offsets.stream().map(deadline::minus)
                .noneMatch(moment -> moment.isAfter(due) && !moment.isAfter(now));
    }
}
