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

    /**
     * A component as the template shows it. A dynamic list's children are its items (type {@code item}), whose
     * children are the item's fields, named {@code path[n].key} and identified {@code componentId-n}; {@code texts}
     * holds the words its script needs (add, remove).
     */
    public record FieldView(String id, String type, String name, String label, String hint, String html,
            boolean required, String value, List<OptionView> options, String error, boolean hidden,
            List<FieldView> children, String min, String max, String step, Integer maxLength,
            Map<String, String> texts) {

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
            if (field.type() == FormField.Type.DYNAMICLIST) {
                views.add(list(form, field, values, errors, language));
                continue;
            }
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
                    plain(field.min()), plain(field.max()), step == null ? "any" : step.toPlainString(), field.maxLength(),
                    null));
        }
        return views;
    }

    /**
     * A dynamic list: its items so far, then one spare blank item (how a page without JavaScript adds one; blank items
     * are ignored when submitted), or as many blank items as the form asks when there are none.
     */
    @SuppressWarnings("unchecked")
    private FieldView list(FormDefinition form, FormField list, Map<String, ?> values, Map<String, String> errors,
            Language language) {
        List<Map<String, ?>> items = new ArrayList<>();
        if (values.get(list.key()) instanceof List<?> given) {
            given.stream().filter(Map.class::isInstance).forEach(item -> items.add((Map<String, ?>) item));
        }
        int spare = items.isEmpty() ? list.repetitions() : 1;
        String label = texts.label(form, list, language);
        List<FieldView> itemViews = new ArrayList<>();
        for (int n = 0; n < items.size() + spare; n++) {
            boolean blank = n >= items.size();
            boolean optional = blank && !items.isEmpty();
            Map<String, ?> item = blank ? Map.of() : items.get(n);
            List<FieldView> children = new ArrayList<>();
            for (FieldView child : views(form, list.children(), item, Map.of(), language)) {
                String id = child.id() + "-" + n;
                children.add(new FieldView(id, child.type(), child.name() == null ? null
                        : list.key() + "[" + n + "]." + child.name(), child.label(), child.hint(), child.html(),
                        child.required() && !optional, child.value(), child.options(), errors.get(id), child.hidden(),
                        child.children(), child.min(), child.max(), child.step(), child.maxLength(), null));
            }
            itemViews.add(new FieldView(list.id() + "-item-" + n, "item", null, texts.message("item", language, n + 1),
                    optional ? texts.message("itemSpare", language) : null, null, false, null, List.of(), null, false,
                    children, null, null, null, null, null));
        }
        return new FieldView(list.id(), "dynamiclist", list.key(), label, texts.description(form, list, language),
                null, false, null, List.of(), errors.get(list.id()), list.hidden(values), itemViews, null, null, null,
                null, Map.of("add", texts.message("itemAdd", language, label),
                        "remove", texts.message("itemRemove", language, label, "{0}"),
                        "removeShort", texts.message("itemRemoveShort", language)));
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
