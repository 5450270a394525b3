package be.subside.process;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Camunda 7.24's webapps keep the CSP nonce of the page they serve in one ServletContext attribute, shared by every
 * request: when another webapp request comes in between the policy header and the page, the page's scripts carry that
 * other request's nonce, not the one of their own header, and the browser runs none of them (Tasklist stays on its
 * spinner, for instance when reloaded while its calls are still running). The Community Edition gets no fix, so the
 * pages of the webapps (their URLs end with a slash; scripts and styles do not) are held back until complete, and
 * their scripts given the nonce of their own Content-Security-Policy header.
 */
class WebappPageNonce extends OncePerRequestFilter {

    private static final Pattern POLICY_NONCE = Pattern.compile("'nonce-([A-Za-z0-9_+/=-]+)'");
    private static final Pattern PAGE_NONCE = Pattern.compile("nonce=\"[^\"]*\"");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().endsWith("/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper page = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, page);
        String policy = page.getHeader("Content-Security-Policy");
        Matcher nonce = policy == null ? null : POLICY_NONCE.matcher(policy);
        String type = page.getContentType();
        if (nonce == null || !nonce.find() || type == null || !type.startsWith("text/html")) {
            page.copyBodyToResponse();
            return;
        }
        Charset charset = Charset.forName(page.getCharacterEncoding());
        byte[] html = PAGE_NONCE.matcher(new String(page.getContentAsByteArray(), charset))
                .replaceAll(Matcher.quoteReplacement("nonce=\"" + nonce.group(1) + "\"")).getBytes(charset);
        response.setContentLength(html.length);
        response.getOutputStream().write(html);
    }
}
