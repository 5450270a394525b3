package be.subside.portal;

import be.subside.identity.Language;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Checks a submitted form against the same schema that Tasklist uses (required, types, ranges, lengths, patterns,
 * allowed choices, conditions), on the server, whatever the browser did. Only the form's own fields are kept: unknown
 * parameters are dropped, never stored; hidden fields are neither required nor kept.
 */
@Component
public class FormValidator {

    private final FormTexts texts;

    public FormValidator(FormTexts texts) {
        this.texts = texts;
    }

    /**
     * A field in error: the component id (the input's id), the variable, what is wrong ({@code required}, {@code max},
     * ...) and the message in the user's language.
     */
    public record FieldError(String fieldId, String key, String code, String message) {
    }

    /** The typed values of the visible fields, and the errors; the submission is acceptable when there are none. */
    public record Result(Map<String, Object> values, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /** A dynamic list takes at most this many items: enough for any partnership, a bound for bad input. */
    static final int MAX_ITEMS = 50;

    public Result validate(FormDefinition form, Map<String, List<String>> submitted, Language language) {
        Map<String, Object> raw = new HashMap<>();
        bindings(form.components(), field -> {
            if (field.key() != null && submitted.containsKey(field.key())) {
                List<String> values = submitted.get(field.key());
                raw.put(field.key(), values.isEmpty() ? null : values.get(0));
            }
        });
        Map<String, Object> values = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        bindings(form.components(), field -> {
            if (field.key() == null || field.hidden(raw)) {
                return;
            }
            if (field.type() == FormField.Type.DYNAMICLIST) {
                values.put(field.key(), list(form, field, submitted, language, errors));
                return;
            }
            if (!field.isInput()) {
                return;
            }
            String[] error = check(field, given(submitted.get(field.key())), texts.label(form, field, language),
                    language, values);
            if (error != null) {
                errors.add(new FieldError(field.id(), field.key(), error[0], error[1]));
            }
        });
        return new Result(values, errors);
    }

    /** The fields that bind a variable of the form itself: groups are walked, a dynamic list is one binding. */
    private static void bindings(List<FormField> fields, java.util.function.Consumer<FormField> action) {
        for (FormField field : fields) {
            action.accept(field);
            if (field.type() == FormField.Type.GROUP) {
                bindings(field.children(), action);
            }
        }
    }

    private static List<String> given(List<String> submitted) {
        return submitted == null ? List.of() : submitted.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * The items of a dynamic list as submitted ({@code path[i].key} parameters), in index order, without the items
     * left wholly blank (the spare row a page without JavaScript offers): item n of the result is item n on the page
     * shown again, and in error ids ({@code componentId-n}).
     */
    static List<Map<String, String>> items(FormField list, Map<String, List<String>> submitted) {
        Pattern parameter = Pattern.compile(Pattern.quote(list.key()) + "\\[(\\d{1,4})]\\.(\\w+)");
        java.util.TreeMap<Integer, Map<String, String>> byIndex = new java.util.TreeMap<>();
        submitted.forEach((name, values) -> {
            java.util.regex.Matcher m = parameter.matcher(name);
            if (m.matches() && !values.isEmpty() && list.children().stream().anyMatch(c -> m.group(2).equals(c.key()))) {
                byIndex.computeIfAbsent(Integer.valueOf(m.group(1)), i -> new LinkedHashMap<>())
                        .put(m.group(2), values.get(0));
            }
        });
        return byIndex.values().stream().filter(item -> item.values().stream().anyMatch(v -> !v.isBlank())).toList();
    }

    private List<Map<String, Object>> list(FormDefinition form, FormField list, Map<String, List<String>> submitted,
            Language language, List<FieldError> errors) {
        List<Map<String, String>> items = items(list, submitted);
        if (items.size() > MAX_ITEMS) {
            String[] error = error("items", language, texts.label(form, list, language), MAX_ITEMS);
            errors.add(new FieldError(list.id(), list.key(), error[0], error[1]));
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int n = 0; n < items.size(); n++) {
            Map<String, Object> item = new LinkedHashMap<>();
            for (FormField child : list.children()) {
                if (!child.isInput() || child.key() == null) {
                    continue;
                }
                String value = items.get(n).get(child.key());
                String[] error = check(child, given(value == null ? null : List.of(value)),
                        texts.label(form, child, language), language, item);
                if (error != null) {
                    errors.add(new FieldError(child.id() + "-" + n, list.key(), error[0], error[1]));
                }
            }
            out.add(item);
        }
        return out;
    }

    private String[] error(String code, Language language, Object... arguments) {
        return new String[] {code, texts.message(code, language, arguments)};
    }

    private String[] check(FormField field, List<String> given, String label, Language language, Map<String, Object> out) {
        boolean empty = given.isEmpty();
        if (field.type() == FormField.Type.CHECKBOX) {
            boolean checked = !empty && ("true".equals(given.get(0)) || "on".equals(given.get(0)));
            if (field.required() && !checked) {
                return error("required", language, label);
            }
            out.put(field.key(), checked);
            return null;
        }
        if (empty) {
            return field.required() ? error("required", language, label) : null;
        }
        switch (field.type()) {
            case NUMBER -> {
                BigDecimal number;
                try {
                    number = new BigDecimal(given.get(0).replace(',', '.').replace(" ", "").replace("\u00a0", ""));
                } catch (NumberFormatException e) {
                    return error("number", language, label);
                }
                int digits = field.decimalDigits() == null ? Integer.MAX_VALUE : field.decimalDigits();
                if (Math.max(0, number.stripTrailingZeros().scale()) > digits) {
                    return error("decimals", language, label, digits);
                }
                if (field.min() != null && number.compareTo(field.min()) < 0) {
                    return error("min", language, label, field.min());
                }
                if (field.max() != null && number.compareTo(field.max()) > 0) {
                    return error("max", language, label, field.max());
                }
                out.put(field.key(), number);
            }
            case RADIO, SELECT -> {
                String value = given.get(0);
                if (field.options().stream().noneMatch(o -> o.value().equals(value))) {
                    return error("choice", language, label);
                }
                out.put(field.key(), value);
            }
            case CHECKLIST -> {
                for (String value : given) {
                    if (field.options().stream().noneMatch(o -> o.value().equals(value))) {
                        return error("choice", language, label);
                    }
                }
                out.put(field.key(), List.copyOf(new java.util.LinkedHashSet<>(given)));
            }
            case DATETIME -> {
                try {
                    out.put(field.key(), LocalDate.parse(given.get(0)));
                } catch (DateTimeParseException e) {
                    return error("date", language, label);
                }
            }
            default -> {
                String value = given.get(0);
                int length = value.codePointCount(0, value.length());
                if (field.minLength() != null && length < field.minLength()) {
                    return error("minLength", language, label, field.minLength());
                }
                if (field.maxLength() != null && length > field.maxLength()) {
                    return error("maxLength", language, label, field.maxLength());
                }
                if (field.pattern() != null && !Pattern.compile(field.pattern()).matcher(value).matches()) {
                    return error("pattern", language, label);
                }
                out.put(field.key(), value);
            }
        }
        return null;
    }
}
