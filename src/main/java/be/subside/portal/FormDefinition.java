package be.subside.portal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A Camunda Form read from forms/: the very file staff see in Tasklist, which the portal renders for applicants. */
public record FormDefinition(String id, List<FormField> components) {

    static FormDefinition parse(JsonNode json) {
        String id = json.path("id").asText(null);
        if (id == null || id.isBlank()) {
            throw new UnsupportedFormException("A form without an id");
        }
        return new FormDefinition(id, fields(json.path("components")));
    }

    private static List<FormField> fields(JsonNode components) {
        List<FormField> fields = new ArrayList<>();
        for (JsonNode c : components) {
            FormField.Type type = FormField.Type.of(c.path("type").asText());
            JsonNode validate = c.path("validate");
            List<FormField.Option> options = new ArrayList<>();
            if (c.has("valuesKey") || c.has("valuesExpression")) {
                throw new UnsupportedFormException("Dynamic options are not supported: " + c.path("id").asText());
            }
            for (JsonNode v : c.path("values")) {
                options.add(new FormField.Option(v.path("value").asText(), v.path("label").asText()));
            }
            JsonNode hide = c.path("conditional").path("hide");
            boolean list = type == FormField.Type.DYNAMICLIST;
            if (list && (!c.path("isRepeating").asBoolean(false) || text(c, "path") == null)) {
                throw new UnsupportedFormException("A dynamic list must repeat and have a path: " + c.path("id").asText());
            }
            fields.add(new FormField(c.path("id").asText(), type, list ? text(c, "path") : text(c, "key"),
                    type == FormField.Type.DATETIME && c.has("dateLabel") ? text(c, "dateLabel") : text(c, "label"),
                    text(c, "description"), text(c, "text"), validate.path("required").asBoolean(false),
                    decimal(validate, "min"), decimal(validate, "max"), integer(validate, "minLength"),
                    integer(validate, "maxLength"), text(validate, "pattern"), integer(c, "decimalDigits"),
                    text(c, "subtype"), List.copyOf(options), hide.isTextual() ? Condition.parse(hide.asText()) : null,
                    type == FormField.Type.GROUP || list ? fields(c.path("components")) : List.of(),
                    c.has("defaultValue") ? scalar(c.get("defaultValue")) : null,
                    list ? Math.max(1, c.path("defaultRepetitions").asInt(1)) : 0));
        }
        return List.copyOf(fields);
    }

    /** Every field, groups and the item template of dynamic lists flattened, in form order. */
    public void forEachField(Consumer<FormField> action) {
        walk(components, action);
    }

    private static void walk(List<FormField> fields, Consumer<FormField> action) {
        for (FormField field : fields) {
            action.accept(field);
            walk(field.children(), action);
        }
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static BigDecimal decimal(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() || value.asText().isBlank() ? null : new BigDecimal(value.asText());
    }

    private static Integer integer(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asInt();
    }

    private static Object scalar(JsonNode value) {
        return value.isBoolean() ? value.asBoolean() : value.isNumber() ? value.decimalValue() : value.asText();
    }
}
