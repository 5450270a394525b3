package be.subside.shared;

import static org.assertj.core.api.Assertions.*;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

    @Test
    void endOfABrusselsSummerDayIsTwentyTwoHoursUtc() {
        assertThat(Deadlines.endOfDay(LocalDate.of(2024, 4, 1))).isEqualTo(Instant.parse("2024-04-01T22:00:00Z"));
        assertThat(Deadlines.endOfDay(LocalDate.of(2024, 4, 25))).isEqualTo(Instant.parse("2024-04-25T22:00:00Z"));
    }

    @Test
    void endOfABrusselsWinterDayIsTwentyThreeHoursUtc() {
        assertThat(Deadlines.endOfDay(LocalDate.of(2024, 1, 15))).isEqualTo(Instant.parse("2024-01-15T23:00:00Z"));
    }

    @Test
    void endOfTheDayBeforeTheClocksChangeFollowsTheNextDaysOffset() {
        // 30 March 2024 ends at midnight CET (+01:00); the switch to summer time happens at 02:00 on 31 March
        assertThat(Deadlines.endOfDay(LocalDate.of(2024, 3, 30))).isEqualTo(Instant.parse("2024-03-30T23:00:00Z"));
        assertThat(Deadlines.endOfDay(LocalDate.of(2024, 3, 31))).isEqualTo(Instant.parse("2024-03-31T22:00:00Z"));
        assertThat(Deadlines.endOfDay(LocalDate.of(2024, 10, 27))).isEqualTo(Instant.parse("2024-10-27T23:00:00Z"));
    }

    @Test
    void showsInstantsInBrusselsWithTheZone() {
        assertThat(Deadlines.display(Instant.parse("2024-04-01T22:00:00Z"))).isEqualTo("2024-04-02 00:00:00 Europe/Brussels");
        assertThat(Deadlines.brusselsDate(Instant.parse("2024-04-01T22:30:00Z"))).isEqualTo(LocalDate.of(2024, 4, 2));
    }
}
