package be.subside.portal;

import java.math.BigDecimal;
import java.util.List;

/**
 * One component of a Camunda Form (form-js schema), as the portal renders and validates it. {@code key} is the
 * variable the field binds to; text and group components have none. A dynamic list binds its {@code path} to a list of
 * items, each holding its {@code children}'s keys; {@code repetitions} is how many items it shows when empty.
 */
public record FormField(String id, Type type, String key, String label, String description, String text,
        boolean required, BigDecimal min, BigDecimal max, Integer minLength, Integer maxLength, String pattern,
        Integer decimalDigits, String subtype, List<Option> options, Condition hideWhen, List<FormField> children,
        Object defaultValue, int repetitions) {

    /** The components our forms use; an unknown one makes the form unreadable, not silently skipped. */
    public enum Type {
        TEXTFIELD, TEXTAREA, NUMBER, SELECT, RADIO, CHECKBOX, CHECKLIST, DATETIME, TEXT, GROUP, DYNAMICLIST;

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
        return type != Type.TEXT && type != Type.GROUP && type != Type.DYNAMICLIST;
    }

    /** Whether the field is hidden given the values filled so far (form-js {@code conditional.hide}). */
    public boolean hidden(java.util.Map<String, ?> values) {
        return hideWhen != null && hideWhen.test(values);
    }
}
