package be.subside.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The one write that a Tasklist sign-in may make: the committee saves its selection from the page that the task's
 * form frames, where the browser holds no Basic credentials. A POST to a call's selection page without credentials,
 * from a browser whose Camunda webapp session is signed in, is authenticated as that staff member for this request
 * only, and only when it carries the page's token for that member and that call ({@link StaffFormTokens}); a signed-in
 * session without the right token is refused with 403. Requests from another site never get here (SameOriginWrites
 * runs first). Every other write still needs Basic credentials.
 */
class StaffWebappSessionWrites extends OncePerRequestFilter {

    /** The selection page and its embedded variant, as the committee saves them. */
    static final PathPatternRequestMatcher SELECTION = PathPatternRequestMatcher.withDefaults()
            .matcher(org.springframework.http.HttpMethod.POST, "/staff/calls/{code}/selection");
    static final PathPatternRequestMatcher EMBEDDED_SELECTION = PathPatternRequestMatcher.withDefaults()
            .matcher(org.springframework.http.HttpMethod.POST, "/staff/calls/{code}/selection/embedded");

    private final StaffWebappSession sessions;
    private final StaffFormTokens tokens;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    StaffWebappSessionWrites(StaffWebappSession sessions, StaffFormTokens tokens) {
        this.sessions = sessions;
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String callCode = callCode(request);
        HttpSession session = request.getSession(false);
        if (callCode != null && session != null && request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
            Authentication staff = sessions.signedIn(session);
            if (staff != null) {
                if (!tokens.valid(request.getParameter(StaffFormTokens.PARAMETER), staff.getName(),
                        StaffFormTokens.selectionForm(callCode))) {
                    response.sendError(HttpServletResponse.SC_FORBIDDEN, "Missing or wrong form token");
                    return;
                }
                SecurityContext context = contexts.createEmptyContext();
                context.setAuthentication(staff);
                contexts.setContext(context);
            }
        }
        chain.doFilter(request, response);
    }

    private static String callCode(HttpServletRequest request) {
        for (RequestMatcher matcher : new RequestMatcher[] {SELECTION, EMBEDDED_SELECTION}) {
            RequestMatcher.MatchResult match = matcher.matcher(request);
            if (match.isMatch()) {
                return match.getVariables().get("code");
            }
        }
        return null;
    }
}
