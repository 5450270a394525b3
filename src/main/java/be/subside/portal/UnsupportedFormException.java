package be.subside.portal;

/** A form uses something the portal cannot render or check faithfully; it must not be shown half-understood. */
public class UnsupportedFormException extends RuntimeException {

    public UnsupportedFormException(String message) {
        super(message);
    }
}
