package be.subside.evaluation;

public enum DecisionKind {
    ADMISSIBILITY,
    ELIGIBILITY,
    EVALUATION,
    SELECTION,
    ANALYSIS,
    GRANT
}
