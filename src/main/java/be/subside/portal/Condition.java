package be.subside.portal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The FEEL conditions our forms use to hide a field: {@code =variable = "VALUE"} and {@code =variable != "VALUE"}.
 * Anything else is refused when the form is read, so that no field is shown or hidden by a guess.
 */
public record Condition(String variable, boolean equals, String value) {

    private static final Pattern FEEL = Pattern.compile("=\\s*([A-Za-z_]\\w*)\\s*(!=|=)\\s*\"([^\"]*)\"\\s*");

    static Condition parse(String expression) {
        Matcher matcher = FEEL.matcher(expression);
        if (!matcher.matches()) {
            throw new UnsupportedFormException("Unsupported FEEL condition: " + expression);
        }
        return new Condition(matcher.group(1), matcher.group(2).equals("="), matcher.group(3));
    }

    boolean test(Map<String, ?> values) {
        Object actual = values.get(variable);
        boolean same = actual != null && value.equals(actual.toString());
        return equals == same;
    }
}
