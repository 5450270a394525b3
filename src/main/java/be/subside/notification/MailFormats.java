package be.subside.notification;

import be.subside.identity.Language;
import be.subside.shared.Deadlines;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
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
        return Deadlines.describeMoment(instant, locale(language));
    }

    /** A deadline, the end of a Brussels day shown as 24:00 of that day. */
    static String deadline(Instant instant, Language language) {
        return Deadlines.describe(instant, locale(language));
    }

    static String amount(BigDecimal amount, Language language) {
        return amount == null ? "" : NumberFormat.getCurrencyInstance(locale(language)).format(amount);
    }
}
