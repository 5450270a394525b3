package be.subside.process;

import static org.assertj.core.api.Assertions.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleReminderDelegateTest {

    static final Instant DEADLINE = Instant.parse("2030-03-31T22:00:00Z");

    final ScheduleReminderDelegate reminders = new ScheduleReminderDelegate(
            List.of(Duration.ofDays(1), Duration.ofDays(14), Duration.ofDays(7)), Clock.systemUTC());

    @Test
    void nextReminderIsTheEarliestStillAhead() {
        assertThat(reminders.next(DEADLINE, Instant.parse("2030-03-01T09:00:00Z"))).contains(DEADLINE.minus(Duration.ofDays(14)));
        assertThat(reminders.next(DEADLINE, DEADLINE.minus(Duration.ofDays(14)))).contains(DEADLINE.minus(Duration.ofDays(7)));
        assertThat(reminders.next(DEADLINE, DEADLINE.minus(Duration.ofDays(2)))).contains(DEADLINE.minus(Duration.ofDays(1)));
    }

    @Test
    void remindersWhoseMomentPassedAreSkippedAndNoneAfterTheLast() {
        assertThat(reminders.next(DEADLINE, DEADLINE.minus(Duration.ofHours(23)))).isEmpty();
        assertThat(reminders.next(DEADLINE, DEADLINE.plusSeconds(1))).isEmpty();
    }

    @Test
    void aLateReminderIsSentOnlyBeforeTheDeadlineAndWhileNoLaterOneIsDue() {
        Instant fourteenDays = DEADLINE.minus(Duration.ofDays(14));
        assertThat(reminders.stillUseful(fourteenDays, DEADLINE, fourteenDays)).as("on time").isTrue();
        assertThat(reminders.stillUseful(fourteenDays, DEADLINE, fourteenDays.plus(Duration.ofDays(2))))
                .as("two days late, the seven-day reminder still ahead").isTrue();
        assertThat(reminders.stillUseful(fourteenDays, DEADLINE, DEADLINE.minus(Duration.ofDays(6))))
                .as("the seven-day reminder is due as well").isFalse();
        assertThat(reminders.stillUseful(DEADLINE.minus(Duration.ofDays(1)), DEADLINE, DEADLINE))
                .as("at the deadline").isFalse();
        assertThat(reminders.stillUseful(DEADLINE.minus(Duration.ofDays(1)), DEADLINE, DEADLINE.plusSeconds(3600)))
                .as("after the deadline").isFalse();
    }
}
