package be.subside.portal;

import java.math.BigDecimal;
import java.util.List;

/**
 * One component of a Camunda Form (form-js schema), as the portal renders and validates it. {@code key} is the
 * variable the field binds to; text and group components have none.
 */
public record FormField(String id, Type type, String key, String label, String description, String text,
        boolean required, BigDecimal min, BigDecimal max, Integer minLength, Integer maxLength, String pattern,
        Integer decimalDigits, String subtype, List<Option> options, Condition hideWhen, List<FormField> children,
        Object defaultValue) {

    /** The components our forms use; an unknown one makes the form unreadable, not silently skipped. */
    public enum Type {
        TEXTFIELD, TEXTAREA, NUMBER, SELECT, RADIO, CHECKBOX, CHECKLIST, DATETIME, TEXT, GROUP;

        static Type of(String formJsType) {
            for (Type type : values()) {
                if (type.name().equalsIgnoreCase(formJsType)) {
                    return type;
                }
            }
            throw new UnsupportedFormException("Unknown form component type '" + formJsType + "'");
        }
    }

    public record Option(String value, String label) {
    }

    public boolean isInput() {
        return type != Type.TEXT && type != Type.GROUP;
    }

    /** Whether the field is hidden given the values filled so far (form-js {@code conditional.hide}). */
    public boolean hidden(java.util.Map<String, ?> values) {
        return hideWhen != null && hideWhen.test(values);
    }
}
