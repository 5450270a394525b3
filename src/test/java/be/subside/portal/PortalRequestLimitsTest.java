package be.subside.portal;

import static org.assertj.core.api.Assertions.*;

import be.subside.Fixtures;
import be.subside.IntegrationTest;
import be.subside.application.ApplicationService;
import be.subside.call.Administration;
import be.subside.call.Call;
import be.subside.identity.Organisation;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Request bodies past a limit are refused with a clear answer, never a 500 nor a stack trace, and leave the case as it
 * was: a url-encoded post over {@code server.tomcat.max-http-form-post-size} (256 KB) gets 413; a value over its
 * field's maxLength but within that limit gets the form back with the field's error; a file over the document limit
 * (20 MB) the case page with the error, one over the multipart limit (21 MB) 413.
 */
@IntegrationTest
class PortalRequestLimitsTest {

    static final int KB = 1024;
    static final int MB = 1024 * KB;

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    ApplicationService applications;
    @Autowired
    JdbcTemplate jdbc;

    Organisation lead;
    String reference;
    String dossier;
    PortalClient browser;
    String token;

    @BeforeEach
    void draftWithoutDocuments() throws Exception {
        Call call = fixtures.openCall();
        lead = fixtures.organisation(Administration.COCOF);
        fixtures.account(lead);
        reference = applications.startDraft(call.getCode(), lead.getId(), Fixtures.user(lead)).getReference();
        dossier = "/portal/applications/" + reference + "/dossier";
        browser = new PortalClient(port).signIn(lead);
        token = PortalAccountTest.csrf(browser.get(dossier).body());
    }

    /** A draft save of the dossier whose summary is {@code summaryBytes} long, with a valid CSRF token. */
    byte[] dossierWithSummaryOf(int summaryBytes) {
        byte[] head = ("_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                + "&action=save&projectTitle=Titre&projectSummary=").getBytes(StandardCharsets.US_ASCII);
        byte[] body = Arrays.copyOf(head, head.length + summaryBytes);
        Arrays.fill(body, head.length, body.length, (byte) 'a');
        return body;
    }

    HttpResponse<String> post(String action, String contentType, byte[] body) throws IOException, InterruptedException {
        return browser.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + action))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postForm(byte[] body) throws IOException, InterruptedException {
        return post(dossier, "application/x-www-form-urlencoded", body);
    }

    /** A clear refusal: the status, and no trace of the server's insides in the body. */
    static void refusedWith(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("Exception", "at be.subside", "at org.");
    }

    Map<String, Object> snapshot() {
        return CaseSnapshot.of(jdbc, reference);
    }

    @Test
    void refusesAUrlEncodedPostAboveTheFormLimitWith413() throws Exception {
        Map<String, Object> before = snapshot();

        refusedWith(postForm(dossierWithSummaryOf(300 * KB)), 413);
        refusedWith(postForm(dossierWithSummaryOf(1900 * KB)), 413);

        assertThat(snapshot()).isEqualTo(before);
        assertThat(browser.get(dossier).statusCode()).as("the session goes on").isEqualTo(200);
    }

    @Test
    void cutsOffAPostFarAboveWhatTheServerReadsOfARefusedBody() throws Exception {
        Map<String, Object> before = snapshot();

        // 10 MB: Tomcat answers 413 without reading it and closes the connection past max-swallow-size (2 MB); the
        // client may get the answer or see the connection closed, depending on how much it had sent by then
        try {
            refusedWith(postForm(dossierWithSummaryOf(10 * MB)), 413);
        } catch (IOException closedByTheServer) {
            // refused too: nothing was read
        }

        assertThat(snapshot()).isEqualTo(before);
        assertThat(browser.get(dossier).statusCode()).as("the server and the session go on").isEqualTo(200);
    }

    @Test
    void refusesAHugeValueInATextFieldLimitedTo4000Characters() throws Exception {
        Map<String, Object> before = snapshot();

        // 1 MB in the summary (maxLength 4000): the body alone is over the form limit
        refusedWith(postForm(dossierWithSummaryOf(MB)), 413);
        // within the body limit but over the field's: the form again, with the field's error, nothing saved
        for (int length : List.of(4001, 200 * KB)) {
            HttpResponse<String> page = postForm(dossierWithSummaryOf(length));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("id=\"Field_ProjectSummary-error\"", "au plus",
                    "role=\"alert\"");
        }
        HttpResponse<String> longTitle = browser.post(dossier, dossier, List.of("action", "save",
                "projectTitle", "t".repeat(100 * KB)));
        assertThat(longTitle.statusCode()).isEqualTo(200);
        assertThat(longTitle.body()).contains("id=\"Field_ProjectTitle-error\"", "au plus");

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void refusesFilesAboveTheDocumentAndMultipartLimits() throws Exception {
        Map<String, Object> before = snapshot();

        // over the document service's 20 MB: the case page with the error next to the documents
        HttpResponse<String> overDocumentLimit = browser.upload(reference, "STATUTES", null, "gros.pdf", pdfOf(20 * MB + 1));
        assertThat(overDocumentLimit.statusCode()).isEqualTo(302);
        assertThat(PortalCaseTest.location(overDocumentLimit)).endsWith("/portal/applications/" + reference + "#documents");
        assertThat(browser.get("/portal/applications/" + reference).body())
                .contains("Le fichier n&#39;a pas été accepté", "role=\"alert\"");
        // over spring.servlet.multipart.max-file-size (21 MB): 413 before the controller
        refusedWith(browser.upload(reference, "STATUTES", null, "plus-gros.pdf", pdfOf(21 * MB + 500 * KB)), 413);
        // a text part over the form limit in a multipart post: 413 as well
        refusedWith(multipartDossierWithSummaryOf(300 * KB), 413);

        assertThat(snapshot()).isEqualTo(before);
        assertThat(browser.get("/portal/applications/" + reference).body()).doesNotContain("gros.pdf");
    }

    static byte[] pdfOf(int size) {
        byte[] content = new byte[size];
        byte[] pdf = Fixtures.pdf("gros");
        System.arraycopy(pdf, 0, content, 0, Math.min(pdf.length, size));
        return content;
    }

    HttpResponse<String> multipartDossierWithSummaryOf(int size) throws Exception {
        String boundary = "----limits" + System.nanoTime();
        String body = part(boundary, "action", "save") + part(boundary, "projectTitle", "Titre")
                + part(boundary, "projectSummary", "a".repeat(size)) + "--" + boundary + "--\r\n";
        return post(dossier + "?_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8),
                "multipart/form-data; boundary=" + boundary, body.getBytes(StandardCharsets.UTF_8));
    }

    static String part(String boundary, String name, String value) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }
}
