package be.subside.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Back to the login page with one message for every failure (wrong password, unknown address, address not yet
 * verified, account locked after repeated failures): the page lists the possible reasons without saying which, so
 * that it reveals nothing about which addresses have accounts.
 */
class PortalLoginFailures implements AuthenticationFailureHandler {

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        response.sendRedirect(request.getContextPath() + "/portal/login?error");
    }
}
