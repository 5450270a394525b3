package be.subside.process;

import be.subside.shared.DomainException;

/** The engine wraps exceptions thrown by listeners; callers of our services want the business error itself. */
final class DomainErrors {

    private DomainErrors() {
    }

    static RuntimeException unwrap(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DomainException domain) {
                return domain;
            }
        }
        return e;
    }
}
