package be.subside.document;

import static org.assertj.core.api.Assertions.*;

import be.subside.Fixtures;
import be.subside.IntegrationTest;
import be.subside.application.Application;
import be.subside.call.Administration;
import be.subside.call.Call;
import be.subside.identity.Organisation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The document endpoints over real HTTP: authentication, ownership on every object, RFC 6266 downloads. */
@IntegrationTest
class DocumentHttpTest {

    static final String STAFF_PASSWORD = "Staff-password-123";

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    IdentityService identity;

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();
    Organisation lead;
    Organisation stranger;
    Application draft;

    @BeforeEach
    void draftWithAccounts() {
        Call call = fixtures.openCall();
        lead = fixtures.organisation(Administration.COCOF);
        stranger = fixtures.organisation(Administration.COCOF);
        fixtures.account(lead);
        fixtures.account(stranger);
        draft = fixtures.draft(call, lead);
        staff("http-cocof", "staff-cocof");
        staff("http-cocom", "staff-cocom");
    }

    void staff(String id, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setPassword(STAFF_PASSWORD);
            identity.saveUser(user);
            identity.createMembership(id, group);
        }
    }

    HttpRequest.Builder request(String path, String user, String password) {
        return be.subside.BasicAuth.request(port, path, user, password);
    }

    HttpResponse<byte[]> get(String path, String user, String password) throws Exception {
        return http.send(request(path, user, password).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> upload(String user, String slot, String fileName, byte[] content) throws Exception {
        String boundary = "----subside" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(request("/api/applications/" + draft.getReference() + "/documents?stage=STAGE1&slot=" + slot,
                user, Fixtures.PASSWORD).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void uploadsAndDownloadsWithTheExactNameAndSafeHeaders() throws Exception {
        String name = "Procès-verbal d’AG – Ωmega 日本語.pdf";
        byte[] pdf = Fixtures.pdf("PV");
        HttpResponse<String> created = upload(Fixtures.user(lead), "OTHER", name, pdf);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode document = json.readTree(created.body());
        assertThat(document.get("fileName").asText()).isEqualTo(name);

        HttpResponse<byte[]> download = get(document.get("contentUrl").asText(), Fixtures.user(lead), Fixtures.PASSWORD);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(pdf);
        assertThat(download.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(download.headers().firstValue("Content-Type")).contains("application/pdf");
        String disposition = download.headers().firstValue("Content-Disposition").orElseThrow();
        assertThat(disposition).startsWith("attachment; filename=\"").doesNotContain("=?UTF-8?");
        String encoded = disposition.substring(disposition.indexOf("filename*=UTF-8''") + "filename*=UTF-8''".length());
        assertThat(encoded).matches("[A-Za-z0-9%!#$&+.^_`|~-]+");
        assertThat(URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8)).isEqualTo(name);
        assertThat(disposition).contains("filename=\"Proc_s-verbal d_AG _ _mega ___.pdf\"");
    }

    @Test
    void refusesBadFilesWithAClearErrorNamingTheField() throws Exception {
        HttpResponse<String> exe = upload(Fixtures.user(lead), "STATUTES", "statuts.pdf", TestFiles.exe());
        assertThat(exe.statusCode()).isEqualTo(422);
        JsonNode error = json.readTree(exe.body());
        assertThat(error.get("code").asText()).isEqualTo("document.type");
        assertThat(error.get("field").asText()).isEqualTo("file");
        assertThat(error.get("message").asText()).contains("not accepted");
    }

    @Test
    void strangersLearnNothingAndOtherAdministrationsStaffFindNothing() throws Exception {
        String list = "/api/applications/" + draft.getReference() + "/documents";
        JsonNode documents = json.readTree(get(list, Fixtures.user(lead), Fixtures.PASSWORD).body());
        String content = documents.get(0).get("contentUrl").asText();

        assertThat(get(content, null, null).statusCode()).isEqualTo(401);
        assertThat(get(content, Fixtures.user(lead), "wrong password").statusCode()).isEqualTo(401);
        HttpResponse<byte[]> stranger = get(content, Fixtures.user(this.stranger), Fixtures.PASSWORD);
        HttpResponse<byte[]> missing = get("/api/documents/987654321/content", Fixtures.user(this.stranger),
                Fixtures.PASSWORD);
        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(new String(stranger.body(), StandardCharsets.UTF_8)).isEqualTo(new String(missing.body(),
                StandardCharsets.UTF_8));
        assertThat(get(list, Fixtures.user(this.stranger), Fixtures.PASSWORD).statusCode()).isEqualTo(403);
        assertThat(upload(Fixtures.user(this.stranger), "OTHER", "x.pdf", Fixtures.pdf("x")).statusCode()).isEqualTo(403);

        assertThat(get(content, "http-cocof", STAFF_PASSWORD).statusCode()).isEqualTo(200);
        assertThat(get(content, "http-cocom", STAFF_PASSWORD).statusCode()).isEqualTo(404);
    }

    @Test
    void staffSeeTheCaseDocumentsPageApplicantsDoNot() throws Exception {
        String page = "/staff/cases/" + draft.getReference() + "/documents";
        HttpResponse<byte[]> staff = get(page, "http-cocof", STAFF_PASSWORD);
        assertThat(staff.statusCode()).isEqualTo(200);
        String html = new String(staff.body(), StandardCharsets.UTF_8);
        assertThat(html).contains("<html lang=\"fr\">", "statuts.pdf", "/api/documents/");
        assertThat(get(page, Fixtures.user(lead), Fixtures.PASSWORD).statusCode()).isEqualTo(403);
        assertThat(get(page, null, null).statusCode()).isEqualTo(401);
        assertThat(get(page, "http-cocom", STAFF_PASSWORD).statusCode()).isEqualTo(404);
    }
}
