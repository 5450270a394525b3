package be.subside.application;

/**
 * Which evaluator may see which case, decided by the evaluation feature: an evaluator sees only the cases assigned to
 * them, the parties first (to judge a conflict of interest), the whole case once they have declared none.
 */
public interface EvaluatorClearance {

    /** The case is assigned to the evaluator and no conflict has been declared (yet). */
    boolean isAssigned(Long applicationId, String evaluatorId);

    /** The evaluator has declared, on their honour, no conflict of interest with the case's applicant and partners. */
    boolean isCleared(Long applicationId, String evaluatorId);
}
