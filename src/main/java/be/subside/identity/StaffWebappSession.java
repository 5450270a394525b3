package be.subside.identity;

import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.Authentication;

/**
 * Who is signed in to the Camunda webapps (Tasklist) in a browser's HTTP session, as the same staff authentication that
 * their Basic credentials would give ({@code ROLE_STAFF} and their groups); {@code null} when nobody is. The engine side
 * (the process package) answers it.
 */
public interface StaffWebappSession {

    Authentication signedIn(HttpSession session);
}
