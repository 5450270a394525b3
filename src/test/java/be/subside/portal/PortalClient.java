package be.subside.portal;

import static org.assertj.core.api.Assertions.*;

import be.subside.Fixtures;
import be.subside.identity.Organisation;
import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** A signed-in portal user over HTTP, as a browser without JavaScript would be: cookies, CSRF tokens, forms. */
final class PortalClient {

    final int port;
    final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    PortalClient(int port) {
        this.port = port;
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> bytes(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A post as the page's script sends it: the CSRF token of the page, and the header scripts set. */
    HttpResponse<String> postFromScript(String page, String action, List<String> fields) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + action))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(page, fields))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String formBody(String page, List<String> fields) throws Exception {
        StringBuilder body = new StringBuilder("_csrf=" + URLEncoder.encode(PortalAccountTest.csrf(get(page).body()),
                StandardCharsets.UTF_8));
        for (int i = 0; i < fields.size(); i += 2) {
            body.append('&').append(URLEncoder.encode(fields.get(i), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(fields.get(i + 1), StandardCharsets.UTF_8));
        }
        return body.toString();
    }

    HttpResponse<String> post(String page, String action, List<String> fields) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(page, fields))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> upload(String reference, String slot, String partner, String name, byte[] content)
            throws Exception {
        String token = PortalAccountTest.csrf(get("/portal").body());
        String boundary = "----portal" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        part(body, boundary, "slot", slot);
        part(body, boundary, "stage", "DETAILED_BUDGET".equals(slot) ? "STAGE2" : "STAGE1");
        if (partner != null) {
            part(body, boundary, "partner", partner);
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/portal/applications/"
                + reference + "/documents?_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void part(ByteArrayOutputStream body, String boundary, String name, String value) {
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                + value + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    PortalClient signIn(Organisation organisation) throws Exception {
        return signIn(Fixtures.user(organisation), Fixtures.PASSWORD);
    }

    PortalClient signIn(String email, String password) throws Exception {
        HttpResponse<String> response = post("/portal/login", "/portal/login",
                List.of("email", email, "password", password));
        assertThat(response.headers().firstValue("Location").orElse("")).as("signed in").endsWith("/portal");
        return this;
    }
}
