package be.subside.call;

/** The six kinds of mutualisation of the ANM "mutualisations" measure; labels live in the message bundles. */
public enum Measure {
    SUPPORT_FUNCTIONS,
    MOBILE_TEAMS,
    EMPLOYER_GROUPS,
    NETWORK_COLLABORATION,
    PHYSICAL_REGROUPING,
    PURCHASING_CENTRALS
}
