package be.subside.call;

/** The five aims a mutualisation project must serve. */
public enum Aim {
    COLLABORATIVE_WORK,
    INTERSECTORAL_LINKS,
    SUPPORT_STRUCTURES,
    JOB_QUALITY,
    CORE_MISSIONS
}
