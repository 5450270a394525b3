package be.subside.shared;

/**
 * Base of every business error. {@code code} is a stable, machine-readable reason (later turned into French and Dutch
 * text by the portal); {@code field} names the input at fault, or is null when the error is not about one field.
 */
public abstract class DomainException extends RuntimeException {

    private final String code;
    private final String field;

    protected DomainException(String code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
