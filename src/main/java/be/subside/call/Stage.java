package be.subside.call;

public enum Stage {
    /** Dossier de candidature préalable. */
    STAGE1,
    /** Demande de subvention. */
    STAGE2
}
