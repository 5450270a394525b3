package be.subside.portal;

import be.subside.identity.Language;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders a Camunda Form as accessible server-side HTML that works without JavaScript: semantic inputs with bound
 * labels, hints and errors tied by aria-describedby, fieldsets with legends for choices and groups, and an error
 * summary at the top linking to each field. Texts come in the user's language.
 */
@Component
public class FormRenderer {

    private static final Pattern IF_BLOCK = Pattern.compile("\\{\\{#if (\\w+)(?:\\s*!=\\s*null)?}}(.*?)\\{\\{/if}}",
            Pattern.DOTALL);
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{(\\w+)}}");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\((/[^)\\s]*|https?://[^)\\s]+)\\)");
    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");

    private final ITemplateEngine templates;
    private final FormTexts texts;

    public FormRenderer(ITemplateEngine templates, FormTexts texts) {
        this.templates = templates;
        this.texts = texts;
    }

    public record OptionView(String id, String value, String label, boolean checked) {
    }

    public record FieldView(String id, String type, String name, String label, String hint, String html,
            boolean required, String value, List<OptionView> options, String error, boolean hidden,
            List<FieldView> children, String min, String max, String step, Integer maxLength) {

        public String describedBy() {
            List<String> ids = new ArrayList<>();
            if (hint != null) {
                ids.add(id + "-hint");
            }
            if (error != null) {
                ids.add(id + "-error");
            }
            return ids.isEmpty() ? null : String.join(" ", ids);
        }
    }

    /** The form's fields as HTML, filled with {@code values} and marked with {@code errors}. */
    public String render(FormDefinition form, Map<String, ?> values, List<FormValidator.FieldError> errors,
            Language language) {
        Map<String, String> errorByField = errors.stream()
                .collect(Collectors.toMap(FormValidator.FieldError::fieldId, FormValidator.FieldError::message, (a, b) -> a));
        Context context = new Context(language == Language.NL ? java.util.Locale.forLanguageTag("nl-BE")
                : java.util.Locale.forLanguageTag("fr-BE"));
        context.setVariable("fields", views(form, form.components(), values, errorByField, language));
        context.setVariable("errors", errors);
        context.setVariable("summary", errors.isEmpty() ? null : texts.message("summary", language, errors.size()));
        return templates.process("portal/form-fields", Set.of("form"), context);
    }

    private List<FieldView> views(FormDefinition form, List<FormField> fields, Map<String, ?> values,
            Map<String, String> errors, Language language) {
        List<FieldView> views = new ArrayList<>();
        for (FormField field : fields) {
            Object value = field.key() == null ? null : values.get(field.key());
            if (value == null && field.defaultValue() != null) {
                value = field.defaultValue();
            }
            List<OptionView> options = new ArrayList<>();
            int i = 0;
            for (FormField.Option option : field.options()) {
                options.add(new OptionView(field.id() + "-" + i++, option.value(),
                        texts.option(form, field, option, language), selected(value, option.value())));
            }
            BigDecimal step = field.decimalDigits() == null ? null : BigDecimal.ONE.movePointLeft(field.decimalDigits());
            views.add(new FieldView(field.id(), field.type().name().toLowerCase(java.util.Locale.ROOT), field.key(),
                    texts.label(form, field, language), texts.description(form, field, language),
                    field.type() == FormField.Type.TEXT ? markdown(texts.body(form, field, language), values) : null,
                    field.required(), value == null || value instanceof Collection ? null : value.toString(), options,
                    errors.get(field.id()), field.hidden(values),
                    views(form, field.children(), values, errors, language),
                    plain(field.min()), plain(field.max()), step == null ? "any" : step.toPlainString(), field.maxLength()));
        }
        return views;
    }

    private static boolean selected(Object value, String option) {
        if (value instanceof Collection<?> many) {
            return many.stream().anyMatch(v -> option.equals(String.valueOf(v)));
        }
        return value != null && option.equals(value.toString());
    }

    private static String plain(BigDecimal number) {
        return number == null ? null : number.toPlainString();
    }

    /**
     * The small Markdown and templating the text components use (### headings, **bold**, links, {{var}},
     * {{#if var}}…{{/if}}), on text escaped first: nothing the form or a value contains can inject markup.
     */
    static String markdown(String text, Map<String, ?> values) {
        if (text == null) {
            return null;
        }
        Matcher blocks = IF_BLOCK.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (blocks.find()) {
            Object value = values.get(blocks.group(1));
            blocks.appendReplacement(resolved, Matcher.quoteReplacement(
                    value == null || value.toString().isBlank() ? "" : blocks.group(2)));
        }
        blocks.appendTail(resolved);
        String escaped = HtmlUtils.htmlEscape(resolved.toString(), "UTF-8");
        Matcher variables = VARIABLE.matcher(escaped);
        StringBuilder filled = new StringBuilder();
        while (variables.find()) {
            Object value = values.get(variables.group(1));
            variables.appendReplacement(filled, Matcher.quoteReplacement(
                    value == null ? "" : HtmlUtils.htmlEscape(value.toString(), "UTF-8")));
        }
        variables.appendTail(filled);
        StringBuilder html = new StringBuilder();
        for (String paragraph : filled.toString().split("\\n\\s*\\n")) {
            String p = paragraph.strip();
            if (p.isEmpty()) {
                continue;
            }
            p = BOLD.matcher(p).replaceAll("<strong>$1</strong>");
            p = LINK.matcher(p).replaceAll("<a href=\"$2\">$1</a>");
            if (p.startsWith("### ")) {
                html.append("<h3>").append(p.substring(4)).append("</h3>");
            } else if (p.startsWith("## ")) {
                html.append("<h2>").append(p.substring(3)).append("</h2>");
            } else {
                html.append("<p>").append(p.replace("\n", "<br>")).append("</p>");
            }
        }
        return html.toString();
    }
}
