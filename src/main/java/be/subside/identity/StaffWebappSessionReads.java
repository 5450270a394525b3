package be.subside.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Staff signed in to Tasklist read our staff pages without signing in a second time: the case framed in their task
 * form, the documents it links to. A GET or HEAD without credentials, from a browser whose Camunda webapp session is
 * signed in, is authenticated as that staff member for this request only. Nothing else: a write still needs Basic
 * credentials (and passes SameOriginWrites), so the session cookie never authorises a change.
 */
class StaffWebappSessionReads extends OncePerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD");

    private final StaffWebappSession sessions;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    StaffWebappSessionReads(StaffWebappSession sessions) {
        this.sessions = sessions;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null && READS.contains(request.getMethod()) && request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
            Authentication staff = sessions.signedIn(session);
            if (staff != null) {
                SecurityContext context = contexts.createEmptyContext();
                context.setAuthentication(staff);
                contexts.setContext(context);
            }
        }
        chain.doFilter(request, response);
    }
}
