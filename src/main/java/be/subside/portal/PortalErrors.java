package be.subside.portal;

import be.subside.shared.DeadlinePassedException;
import be.subside.shared.Deadlines;
import be.subside.shared.DomainException;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.stereotype.Component;

/**
 * The applicant's words for a refused action: {@code error.<code>} from i18n/errors, in the page's language. A code
 * built from a field name ({@code requestedAmount.tooHigh}) falls back to its generic kind ({@code error.tooHigh}).
 * The English message of the exception is for logs and the staff API, never shown here.
 */
@Component
class PortalErrors {

    private final MessageSource messages;

    PortalErrors(MessageSource messages) {
        this.messages = messages;
    }

    String text(DomainException e, Locale locale) {
        Object[] arguments = e instanceof DeadlinePassedException late
                ? new Object[] {Deadlines.describe(late.deadline(), locale)} : new Object[0];
        String code = e.code() == null ? "unexpected" : e.code();
        try {
            return messages.getMessage("error." + code, arguments, locale);
        } catch (NoSuchMessageException specific) {
            String kind = code.substring(code.lastIndexOf('.') + 1);
            return messages.getMessage("error." + kind, arguments,
                    messages.getMessage("error.unexpected", null, locale), locale);
        }
    }
}
