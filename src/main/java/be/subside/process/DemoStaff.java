package be.subside.process;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo staff logins for the webapps, only in the demo profile (the embedded default run). Every demo password is
 * {@value #PASSWORD} (the engine's password policy refuses shorter or simpler ones); a real deployment runs without
 * this profile and creates its users in Camunda Admin.
 */
@Component
@Profile("demo")
class DemoStaff {

    static final String PASSWORD = "Demo-staff-1";

    record Login(String id, String firstName, String lastName, String group) {
    }

    static final List<Login> LOGINS = List.of(
            new Login("cocof-agent1", "Amélie", "Dubois", StaffAccess.STAFF_COCOF),
            new Login("cocof-agent2", "Bruno", "Lambert", StaffAccess.STAFF_COCOF),
            new Login("cocom-agent1", "Charlotte", "Peeters", StaffAccess.STAFF_COCOM),
            new Login("cocom-agent2", "Daan", "Janssens", StaffAccess.STAFF_COCOM),
            new Login("evaluator", "Emma", "Martin", StaffAccess.EVALUATORS),
            new Login("evaluator2", "Lucas", "Vermeulen", StaffAccess.EVALUATORS),
            new Login("committee", "François", "Claes", StaffAccess.COMMITTEE),
            new Login("manager", "Greta", "Willems", StaffAccess.MANAGERS));

    private final IdentityService identity;
    private final StaffAccess access;

    DemoStaff(IdentityService identity, StaffAccess access) {
        this.identity = identity;
        this.access = access;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(1)
    public void createLogins() {
        access.ensureRoles();
        for (Login login : LOGINS) {
            if (identity.createUserQuery().userId(login.id()).count() == 0) {
                User user = identity.newUser(login.id());
                user.setFirstName(login.firstName());
                user.setLastName(login.lastName());
                user.setEmail(login.id() + "@subside.example");
                user.setPassword(PASSWORD);
                identity.saveUser(user);
                identity.createMembership(login.id(), login.group());
            }
        }
    }
}
