package be.subside.fault;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An applicant signed in to the portal over HTTP, as a browser without JavaScript: session cookie, the CSRF token of
 * each page, form posts. Every request has a bound (connect 5 s, answer {@link #REQUEST_TIMEOUT}) so that a test sees
 * a hanging server as a failure instead of hanging itself.
 */
final class PortalSession {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final AppNode node;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5)).build();

    PortalSession(AppNode node) {
        this.node = node;
    }

    PortalSession signIn(String email, String password) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/portal/login", "/portal/login",
                "email=" + enc(email) + "&password=" + enc(password));
        if (response.statusCode() != 302 || !response.headers().firstValue("Location").orElse("").endsWith("/portal")) {
            throw new IllegalStateException("sign-in of " + email + " refused: " + response.statusCode());
        }
        return this;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(node.uri(path)).timeout(REQUEST_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Fetches {@code page} for its CSRF token, then posts the url-encoded {@code fields} to {@code action}. */
    HttpResponse<String> post(String page, String action, String fields) throws IOException, InterruptedException {
        HttpResponse<String> form = get(page);
        Matcher token = CSRF.matcher(form.body());
        if (!token.find()) {
            throw new IllegalStateException("no CSRF token on " + page + " (" + form.statusCode() + ")");
        }
        return http.send(HttpRequest.newBuilder(node.uri(action)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + enc(token.group(1)) + "&" + fields)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Submits the preliminary dossier of a draft whose statutes are uploaded; true when the portal confirmed it. */
    boolean submitDossier(String reference, String partnerEnterpriseNumber) throws IOException, InterruptedException {
        String path = "/portal/applications/" + reference + "/dossier";
        HttpResponse<String> response = post(path, path, "action=submit&projectTitle=" + enc(TITLE)
                + "&projectSummary=" + enc("Achats groupés pour trois ASBL.")
                + "&measures=PURCHASING_CENTRALS&aims=COLLABORATIVE_WORK&" + enc("partners[0].enterpriseNumber") + "="
                + partnerEnterpriseNumber + "&requestedAmount=45000&declarationAccepted=true");
        return response.statusCode() == 302
                && response.headers().firstValue("Location").orElse("").endsWith("?submitted");
    }

    static final String TITLE = "Centrale d'achat";

    /** A Basic-authenticated engine-rest call (staff side); returns the status. */
    static HttpResponse<String> engineRest(AppNode node, String method, String path, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.uri("/engine-rest" + path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (AppNode.ADMIN + ":" + AppNode.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json");
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
