package be.subside.shared;

/** The caller sent a value that breaks a rule; nothing was changed. */
public class InvalidInputException extends DomainException {

    public InvalidInputException(String code, String field, String message) {
        super(code, field, message);
    }
}
