package be.subside;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/**
 * Staff logins for tests: a Camunda user in one group, created once in the shared test database. The engine's password
 * policy refuses a password that contains the user's id or names.
 */
public final class StaffUsers {

    private StaffUsers() {
    }

    public static void ensure(IdentityService identity, String id, String group, String password) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setFirstName("Agent");
            user.setLastName(id);
            user.setPassword(password);
            identity.saveUser(user);
            identity.createMembership(id, group);
        }
    }
}
