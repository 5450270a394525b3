package be.subside.portal;

import be.subside.identity.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The words of the applicant forms and of their error messages in French and Dutch. French labels are those of the
 * form files; Dutch ones come from i18n/forms_nl.properties, keyed formId.componentId.attribute. A missing translation
 * is an error, never a silent fallback; a test proves none is missing. (Staff forms, which only Tasklist renders, carry
 * both languages in the form files.)
 */
@Component
public class FormTexts {

    private final Properties dutch = load("i18n/forms_nl.properties");
    private final Properties messagesFr = load("i18n/validation_fr.properties");
    private final Properties messagesNl = load("i18n/validation_nl.properties");

    public String label(FormDefinition form, FormField field, Language language) {
        return text(form, field, field.type() == FormField.Type.DATETIME ? "dateLabel" : "label", field.label(), language);
    }

    public String description(FormDefinition form, FormField field, Language language) {
        return text(form, field, "description", field.description(), language);
    }

    public String body(FormDefinition form, FormField field, Language language) {
        return text(form, field, "text", field.text(), language);
    }

    public String option(FormDefinition form, FormField field, FormField.Option option, Language language) {
        return text(form, field, "value." + option.value(), option.label(), language);
    }

    /** A validation message, e.g. {@code required} or {@code max} with its arguments. */
    public String message(String code, Language language, Object... arguments) {
        String pattern = (language == Language.NL ? messagesNl : messagesFr).getProperty(code);
        if (pattern == null) {
            throw new IllegalStateException("No " + language + " message for " + code);
        }
        return new MessageFormat(pattern, language == Language.NL ? Locale.forLanguageTag("nl-BE")
                : Locale.forLanguageTag("fr-BE")).format(arguments);
    }

    /** The keys a form needs in a translation file: every label, description, text and option it has. */
    public static Set<String> keys(FormDefinition form) {
        Set<String> keys = new LinkedHashSet<>();
        form.forEachField(field -> {
            String prefix = form.id() + "." + field.id() + ".";
            if (field.label() != null && !field.label().isBlank()) {
                keys.add(prefix + (field.type() == FormField.Type.DATETIME ? "dateLabel" : "label"));
            }
            if (field.description() != null && !field.description().isBlank()) {
                keys.add(prefix + "description");
            }
            if (field.text() != null && !field.text().isBlank()) {
                keys.add(prefix + "text");
            }
            field.options().forEach(option -> keys.add(prefix + "value." + option.value()));
        });
        return keys;
    }

    Set<String> dutchKeys() {
        return dutch.stringPropertyNames();
    }

    private String text(FormDefinition form, FormField field, String attribute, String french, Language language) {
        if (french == null || french.isBlank()) {
            return null;
        }
        if (language == Language.FR) {
            return french;
        }
        String key = form.id() + "." + field.id() + "." + attribute;
        String translated = dutch.getProperty(key);
        if (translated == null) {
            throw new IllegalStateException("No Dutch text for " + key);
        }
        return translated;
    }

    private static Properties load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = FormTexts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + resource);
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
