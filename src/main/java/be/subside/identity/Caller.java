package be.subside.identity;

import java.util.Set;

/**
 * Who is asking: an applicant (a portal user acting for organisations) or a staff member (a Camunda user, with the
 * groups that give their roles). Services check every object against it.
 */
public record Caller(String userId, Set<String> staffGroups) {

    public static final String MANAGERS = "managers";
    public static final String EVALUATORS = "evaluators";
    public static final String COMMITTEE = "committee";

    public Caller {
        staffGroups = Set.copyOf(staffGroups);
    }

    public static Caller applicant(String userId) {
        return new Caller(userId, Set.of());
    }

    public static Caller staff(String userId, Set<String> groups) {
        return new Caller(userId, groups);
    }

    public boolean isStaff() {
        return !staffGroups.isEmpty();
    }
}
