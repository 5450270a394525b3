package be.subside.notification;

import be.subside.identity.Language;
import be.subside.shared.Deadlines;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates and amounts as a Brussels reader expects them, in French or Dutch, dates always with their zone. */
final class MailFormats {

    private MailFormats() {
    }

    static Locale locale(Language language) {
        return Locale.forLanguageTag(language == Language.NL ? "nl-BE" : "fr-BE");
    }

    /** A moment: "mardi 1 avril 2024 à 14:05 (heure de Bruxelles, Europe/Brussels)". */
    static String moment(Instant instant, Language language) {
        return format(instant.atZone(Deadlines.BRUSSELS), language, false);
    }

    /**
     * A deadline: the end of a Brussels day is shown as 24:00 of that day ("lundi 1 avril 2024 à 24:00 ..."), which is
     * how the call text states it, rather than as 00:00 of the next day.
     */
    static String deadline(Instant instant, Language language) {
        ZonedDateTime at = instant.atZone(Deadlines.BRUSSELS);
        boolean midnight = at.toLocalTime().equals(LocalTime.MIDNIGHT);
        return format(midnight ? at.minusDays(1) : at, language, midnight);
    }

    private static String format(ZonedDateTime at, Language language, boolean endOfDay) {
        String pattern = language == Language.NL ? "EEEE d MMMM yyyy 'om' " : "EEEE d MMMM yyyy 'à' ";
        String time = endOfDay ? "24:00" : at.format(DateTimeFormatter.ofPattern("HH:mm"));
        String zone = language == Language.NL ? " (Brusselse tijd, Europe/Brussels)"
                : " (heure de Bruxelles, Europe/Brussels)";
        return at.format(DateTimeFormatter.ofPattern(pattern, locale(language))) + time + zone;
    }

    static String amount(BigDecimal amount, Language language) {
        return amount == null ? "" : NumberFormat.getCurrencyInstance(locale(language)).format(amount);
    }
}
