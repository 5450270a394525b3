package be.subside.call;

public enum CallState {
    DRAFT,
    OPEN,
    STAGE1_CLOSED,
    SELECTION_DONE,
    STAGE2_CLOSED,
    DECIDED
}
