package be.subside.application;

import be.subside.shared.DomainException;

/** Another transaction changed the same case at the same time; the action was rolled back and may be retried. */
public class ConcurrentCaseUpdateException extends DomainException {

    public ConcurrentCaseUpdateException(String reference, Throwable cause) {
        super("case.concurrentUpdate", null, "Case " + reference + " was changed at the same time; nothing was saved");
        initCause(cause);
    }
}
