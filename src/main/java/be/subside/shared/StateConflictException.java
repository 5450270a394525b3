package be.subside.shared;

/** The object is not in a state that allows this action (already submitted, call not open, ...). */
public class StateConflictException extends DomainException {

    public StateConflictException(String code, String message) {
        super(code, null, message);
    }
}
