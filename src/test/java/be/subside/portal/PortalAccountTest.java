package be.subside.portal;

import static org.assertj.core.api.Assertions.*;

import be.subside.Fixtures;
import be.subside.IntegrationTest;
import be.subside.notification.NotificationEvent;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Registration, verification, sign-in, throttling and the home page, through real HTTP with a browser's cookies. */
@IntegrationTest
class PortalAccountTest {

    static final String PASSWORD = "Mutualisation-2030";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Fixtures fixtures;

    HttpClient browser;

    @BeforeEach
    void newBrowser() {
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    }

    HttpResponse<String> get(String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a form the way the page does: with the CSRF token of the page it came from. */
    HttpResponse<String> post(String formPage, String action, Map<String, String> fields) throws Exception {
        String token = csrf(get(formPage).body());
        return postWithToken(action, fields, token);
    }

    HttpResponse<String> postWithToken(String action, Map<String, String> fields, String token) throws Exception {
        String body = fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"))
                + (token == null ? "" : "&_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String csrf(String html) {
        Matcher matcher = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(matcher.find()).as("CSRF token in the page").isTrue();
        return matcher.group(1);
    }

    String verificationLink(String email) {
        String body = jdbc.queryForObject("select body_text from outbox_message where recipient = ? and event = ? "
                + "order by id desc limit 1", String.class, email, NotificationEvent.ACCOUNT_VERIFICATION.name());
        Matcher link = Pattern.compile("/portal/verify\\?token=[A-Za-z0-9_-]+").matcher(body);
        assertThat(link.find()).isTrue();
        return link.group();
    }

    @Test
    void registersVerifiesSignsInAndSeesTheOpenCalls() throws Exception {
        fixtures.openCall();
        String email = "new-" + System.nanoTime() + "@asbl.example";

        HttpResponse<String> registered = post("/portal/register", "/portal/register",
                Map.of("email", email, "password", PASSWORD));
        assertThat(registered.body()).contains("Vérifiez votre boîte aux lettres");

        HttpResponse<String> tooEarly = post("/portal/login", "/portal/login", Map.of("email", email, "password", PASSWORD));
        assertThat(tooEarly.headers().firstValue("Location").orElse("")).endsWith("/portal/login?error");

        assertThat(get(verificationLink(email)).body()).contains("Votre adresse est confirmée");
        assertThat(get(verificationLink(email)).body()).as("a link works once").contains("pas ou plus valable");

        HttpResponse<String> signedIn = post("/portal/login", "/portal/login", Map.of("email", email, "password", PASSWORD));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).endsWith("/portal");
        HttpResponse<String> home = get("/portal");
        assertThat(home.body()).contains("<html lang=\"fr\"", "Appels ouverts", "Appel test", "31 mars 2030 à 24:00",
                "Europe/Brussels", "Vous n&#39;avez pas encore de dossier");

        HttpResponse<String> dutch = get("/portal?lang=nl");
        assertThat(dutch.body()).contains("<html lang=\"nl\"", "Open oproepen", "31 maart 2030 om 24:00");
        assertThat(get("/portal").body()).as("the choice is remembered").contains("Open oproepen");
    }

    String resetLink(String email) {
        String body = jdbc.queryForObject("select body_text from outbox_message where recipient = ? and event = ? "
                + "order by id desc limit 1", String.class, email, NotificationEvent.PASSWORD_RESET.name());
        Matcher link = Pattern.compile("/portal/password/reset\\?token=[A-Za-z0-9_-]+").matcher(body);
        assertThat(link.find()).isTrue();
        return link.group();
    }

    int mails(String email, NotificationEvent event) {
        return jdbc.queryForObject("select count(*) from outbox_message where recipient = ? and event = ?",
                Integer.class, email, event.name());
    }

    @Test
    void resetsAForgottenPasswordOnceThroughTheMailedLink() throws Exception {
        String email = "forgot-" + System.nanoTime() + "@asbl.example";
        jdbc.update("insert into applicant_account (user_id, password_hash, created_at, verified, language, failed_logins,"
                + " locked_until) values (?, ?, now(), true, 'NL', 0, ?)", email,
                new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder().encode(PASSWORD),
                java.sql.Timestamp.from(Fixtures.START.plusSeconds(600)));
        String unknown = "nobody-" + System.nanoTime() + "@asbl.example";

        String known = post("/portal/password/forgot", "/portal/password/forgot", Map.of("email", email)).body();
        newBrowser();
        String stranger = post("/portal/password/forgot", "/portal/password/forgot", Map.of("email", unknown)).body();
        assertThat(strip(stranger)).as("the page reveals nothing").isEqualTo(strip(known));
        assertThat(known).contains("Si un compte existe pour cette adresse");
        assertThat(mails(email, NotificationEvent.PASSWORD_RESET)).isEqualTo(1);
        assertThat(mails(unknown, NotificationEvent.PASSWORD_RESET)).isZero();
        assertThat(jdbc.queryForObject("select subject from outbox_message where recipient = ? and event = ?",
                String.class, email, NotificationEvent.PASSWORD_RESET.name())).as("in the account's language")
                .startsWith("Nieuw wachtwoord");
        post("/portal/password/forgot", "/portal/password/forgot", Map.of("email", email));
        assertThat(mails(email, NotificationEvent.PASSWORD_RESET)).as("one mail per five minutes").isEqualTo(1);

        String link = resetLink(email);
        String token = link.substring(link.indexOf('=') + 1);
        HttpResponse<String> weak = post(link, "/portal/password/reset", Map.of("token", token, "password", "short"));
        assertThat(weak.body()).contains("id=\"password-error\"", "aria-invalid=\"true\"");
        HttpResponse<String> reset = post(link, "/portal/password/reset",
                Map.of("token", token, "password", "A-new-password-2030"));
        assertThat(reset.headers().firstValue("Location").orElse("")).endsWith("/portal/login?reset");

        assertThat(get(link).body()).as("a link works once").contains("pas ou plus valable");
        assertThat(post("/portal/password/forgot", "/portal/password/reset",
                Map.of("token", token, "password", "Another-password-2030"))
                .body()).contains("pas ou plus valable");
        assertThat(post("/portal/login", "/portal/login", Map.of("email", email, "password", PASSWORD))
                .headers().firstValue("Location").orElse("")).as("the old password is gone").endsWith("?error");
        assertThat(post("/portal/login", "/portal/login", Map.of("email", email, "password", "A-new-password-2030"))
                .headers().firstValue("Location").orElse("")).as("the reset also ends the lock").endsWith("/portal");
    }

    @Test
    void aForgedOrExpiredResetLinkChangesNothing() throws Exception {
        String email = "expired-" + System.nanoTime() + "@asbl.example";
        jdbc.update("insert into applicant_account (user_id, password_hash, created_at, verified, language, failed_logins,"
                + " reset_hash, reset_expires_at) values (?, ?, now(), true, 'FR', 0, ?, ?)", email,
                new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder().encode(PASSWORD),
                sha256("expired-token"), java.sql.Timestamp.from(Fixtures.START.minusSeconds(1)));
        String hash = jdbc.queryForObject("select password_hash from applicant_account where user_id = ?", String.class,
                email);
        for (String token : new String[] {"expired-token", "forged-token", "", "x".repeat(500)}) {
            HttpResponse<String> page = post("/portal/password/forgot", "/portal/password/reset",
                    Map.of("token", token, "password", "A-new-password-2030"));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("pas ou plus valable");
        }
        assertThat(jdbc.queryForObject("select password_hash from applicant_account where user_id = ?", String.class,
                email)).isEqualTo(hash);
    }

    static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void registeringAKnownAddressLooksTheSameAndMailsTheOwner() throws Exception {
        String email = "known-" + System.nanoTime() + "@asbl.example";
        String first = post("/portal/register", "/portal/register", Map.of("email", email, "password", PASSWORD)).body();
        newBrowser();
        String second = post("/portal/register", "/portal/register", Map.of("email", email, "password", PASSWORD + "!"))
                .body();

        assertThat(strip(second)).isEqualTo(strip(first));
        assertThat(jdbc.queryForList("select event from outbox_message where recipient = ? order by id", String.class,
                email)).containsExactly("ACCOUNT_VERIFICATION", "ACCOUNT_EXISTS");
    }

    private static String strip(String html) {
        return html.replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "");
    }

    @Test
    void refusesWeakPasswordsAndBadAddressesNextToTheField() throws Exception {
        String page = post("/portal/register", "/portal/register", Map.of("email", "weak@asbl.example",
                "password", "short")).body();
        assertThat(page).contains("id=\"password-error\"", "aria-invalid=\"true\"", "au moins 12 caractères");
        String address = post("/portal/register", "/portal/register", Map.of("email", "not an address",
                "password", PASSWORD)).body();
        assertThat(address).contains("id=\"email-error\"");
        assertThat(jdbc.queryForObject("select count(*) from applicant_account where user_id in ('weak@asbl.example')",
                Integer.class)).isZero();
    }

    @Test
    void locksAnAccountAfterFiveWrongPasswords() throws Exception {
        String email = "locked-" + System.nanoTime() + "@asbl.example";
        jdbc.update("insert into applicant_account (user_id, password_hash, created_at, verified, language, failed_logins)"
                + " values (?, ?, now(), true, 'FR', 0)", email,
                new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder().encode(PASSWORD));
        for (int i = 0; i < 5; i++) {
            post("/portal/login", "/portal/login", Map.of("email", email, "password", "wrong password " + i));
        }
        HttpResponse<String> right = post("/portal/login", "/portal/login", Map.of("email", email, "password", PASSWORD));
        assertThat(right.headers().firstValue("Location").orElse("")).endsWith("/portal/login?error");
        assertThat(jdbc.queryForObject("select locked_until is not null from applicant_account where user_id = ?",
                Boolean.class, email)).isTrue();
    }

    @Test
    void refusesFormsWithoutTheirCsrfTokenAndKeepsApplicantsOutOfCamunda() throws Exception {
        assertThat(postWithToken("/portal/login", Map.of("email", "a@b.example", "password", PASSWORD), null).statusCode())
                .isEqualTo(403);
        assertThat(postWithToken("/portal/register", Map.of("email", "c@b.example", "password", PASSWORD), "forged")
                .statusCode()).isEqualTo(403);
        assertThat(jdbc.queryForObject("select count(*) from applicant_account where user_id = 'c@b.example'",
                Integer.class)).isZero();

        String email = "session-" + System.nanoTime() + "@asbl.example";
        jdbc.update("insert into applicant_account (user_id, password_hash, created_at, verified, language, failed_logins)"
                + " values (?, ?, now(), true, 'FR', 0)", email,
                new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder().encode(PASSWORD));
        post("/portal/login", "/portal/login", Map.of("email", email, "password", PASSWORD));
        assertThat(get("/portal").statusCode()).isEqualTo(200);
        assertThat(get("/engine-rest/task").statusCode()).isEqualTo(401);
        assertThat(get("/camunda/api/engine/engine/default/task").statusCode()).isIn(401, 403);
        assertThat(get("/staff/outbox").statusCode()).isEqualTo(401);
        assertThat(get("/portal").headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("frame-ancestors 'none'");
    }
}
