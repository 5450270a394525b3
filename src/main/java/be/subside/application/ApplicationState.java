package be.subside.application;

import java.util.EnumSet;
import java.util.Set;

public enum ApplicationState {
    DRAFT,
    DRAFT_EXPIRED,
    STAGE1_SUBMITTED,
    INFORMATION_REQUESTED,
    INADMISSIBLE,
    ADMISSIBLE,
    INELIGIBLE,
    ELIGIBLE,
    EVALUATED,
    NOT_SELECTED,
    SELECTED,
    STAGE2_EXPIRED,
    STAGE2_SUBMITTED,
    ANALYSED,
    GRANTED,
    REFUSED;

    /** Submitted in stage 1 and not yet through evaluation: the committee cannot decide while any case is here. */
    public static final Set<ApplicationState> AWAITING_EVALUATION =
            EnumSet.of(STAGE1_SUBMITTED, INFORMATION_REQUESTED, ADMISSIBLE, ELIGIBLE);

    /** Selected and not yet decided (nor expired). */
    public static final Set<ApplicationState> IN_STAGE2 = EnumSet.of(SELECTED, STAGE2_SUBMITTED, ANALYSED);
}
