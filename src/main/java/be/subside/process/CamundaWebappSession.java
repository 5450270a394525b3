package be.subside.process;

import be.subside.identity.StaffWebappSession;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.stereotype.Component;

/**
 * The staff member signed in to the Camunda webapps in a browser session, read from where the webapps keep it. Their
 * groups are read again from the identity service, and a user deleted since the sign-in is nobody.
 */
@Component
class CamundaWebappSession implements StaffWebappSession {

    /**
     * Where the webapps keep their sign-ins in the session (AuthenticationUtil's key). Read directly: the webapps' own
     * getter adds an empty entry to any session it reads, an applicant's portal session too.
     */
    static final String SIGN_INS = "authenticatedUser";

    private final ProcessEngine engine;
    private final IdentityService identity;

    CamundaWebappSession(ProcessEngine engine, IdentityService identity) {
        this.engine = engine;
        this.identity = identity;
    }

    @Override
    public org.springframework.security.core.Authentication signedIn(HttpSession session) {
        Authentication user = session.getAttribute(SIGN_INS) instanceof Authentications signIns
                ? signIns.getAuthenticationForProcessEngine(engine.getName()) : null;
        if (user == null || user.getName() == null
                || identity.createUserQuery().userId(user.getName()).count() == 0) {
            return null;
        }
        return CamundaStaffAuthentication.staff(identity, user.getName());
    }
}
