package be.subside.process;

import be.subside.shared.InvalidInputException;
import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Typed reads of form variables: Tasklist sends numbers as Integer, Long or Double, and omits hidden fields. */
final class Variables {

    private Variables() {
    }

    static Long id(VariableScope scope) {
        Object value = scope.getVariable(ProcessVariables.APPLICATION_ID);
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalStateException("Process variable " + ProcessVariables.APPLICATION_ID + " is missing");
    }

    static String text(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null ? null : value.toString();
    }

    static Number number(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value == null || value instanceof Number) {
            return (Number) value;
        }
        try {
            return new BigDecimal(value.toString().strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name + ".notANumber", name, "'" + value + "' is not a number");
        }
    }

    static BigDecimal amount(VariableScope scope, String name) {
        Number value = number(scope, name);
        return value == null ? null : new BigDecimal(value.toString());
    }
}
