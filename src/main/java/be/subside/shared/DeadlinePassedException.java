package be.subside.shared;

import java.time.Instant;

/** The action came at or after its deadline: late is late. */
public class DeadlinePassedException extends DomainException {

    private final Instant deadline;

    public DeadlinePassedException(String what, Instant deadline) {
        super("deadline.passed", null, "The deadline for " + what + " has passed (" + Deadlines.display(deadline) + ")");
        this.deadline = deadline;
    }

    public Instant deadline() {
        return deadline;
    }
}
