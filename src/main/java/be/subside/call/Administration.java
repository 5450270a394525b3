package be.subside.call;

/** The two administrations (community commissions) that fund calls and handle cases in Brussels. */
public enum Administration {
    COCOF,
    COCOM;

    /** The staff group (Camunda group id) whose members handle this administration's cases. */
    public String staffGroup() {
        return "staff-" + name().toLowerCase(java.util.Locale.ROOT);
    }
}
