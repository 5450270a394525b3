package be.subside.shared;

public class NotFoundException extends DomainException {

    public NotFoundException(String code, String field, String message) {
        super(code, field, message);
    }
}
