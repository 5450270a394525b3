package be.subside.call;

import java.time.Instant;

/** What the call feature needs from the process engine; implemented in {@code be.subside.process}. */
public interface CallWorkflow {

    /** Starts the call's lifecycle process (business key: the call code). */
    void startCall(Call call);

    /**
     * Moves every running timer of this call bound to the given stage's deadline (and its reminders) by the same
     * shift, and records the new deadline in the process instances of the call. Returns how many timers moved.
     */
    int moveDeadline(String callCode, Stage stage, Instant previousDeadline, Instant newDeadline);
}
