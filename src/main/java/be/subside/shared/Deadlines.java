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

    /**
     * A deadline for people, in French or Dutch after {@code locale}: "lundi 1 avril 2024 à 24:00 (heure de Bruxelles,
     * Europe/Brussels)". The end of a Brussels day shows as 24:00 of that day, as calls state it.
     */
    public static String describe(Instant deadline, java.util.Locale locale) {
        java.time.ZonedDateTime at = deadline.atZone(BRUSSELS);
        boolean midnight = at.toLocalTime().equals(LocalTime.MIDNIGHT);
        return describe(midnight ? at.minusDays(1) : at, locale, midnight);
    }

    /** A moment for people: "mardi 1 avril 2024 à 14:05 (heure de Bruxelles, Europe/Brussels)". */
    public static String describeMoment(Instant instant, java.util.Locale locale) {
        return describe(instant.atZone(BRUSSELS), locale, false);
    }

    private static String describe(java.time.ZonedDateTime at, java.util.Locale locale, boolean endOfDay) {
        boolean dutch = "nl".equals(locale.getLanguage());
        String time = endOfDay ? "24:00" : at.format(DateTimeFormatter.ofPattern("HH:mm"));
        String zone = dutch ? " (Brusselse tijd, Europe/Brussels)" : " (heure de Bruxelles, Europe/Brussels)";
        return at.format(DateTimeFormatter.ofPattern(dutch ? "EEEE d MMMM yyyy 'om' " : "EEEE d MMMM yyyy 'à' ", locale))
                + time + zone;
    }

    public static String display(Instant instant) {
        return instant == null ? "-" : DISPLAY.format(instant.atZone(BRUSSELS));
    }
}
