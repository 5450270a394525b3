package be.subside.shared;

/** The caller is known but may not act on this object (not its organisation, not its task, same person twice). */
public class ForbiddenException extends DomainException {

    public ForbiddenException(String code, String message) {
        super(code, null, message);
    }
}
