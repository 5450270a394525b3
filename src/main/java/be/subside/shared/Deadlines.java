package be.subside.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Deadlines are instants; the calendar rules that produce them and the text that shows them are Brussels'. */
public final class Deadlines {

    public static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

    private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss VV");

    private Deadlines() {
    }

    /**
     * The end of {@code day} in Brussels: midnight at which that day ends, whatever the daylight-saving offset. An act
     * is in time when it happens strictly before this instant; the deadline timer is due at it.
     */
    public static Instant endOfDay(LocalDate day) {
        return day.plusDays(1).atTime(LocalTime.MIDNIGHT).atZone(BRUSSELS).toInstant();
    }

    public static LocalDate brusselsDate(Instant instant) {
        return instant.atZone(BRUSSELS).toLocalDate();
    }

    public static String display(Instant instant) {
        return instant == null ? "-" : DISPLAY.format(instant.atZone(BRUSSELS));
    }
}
