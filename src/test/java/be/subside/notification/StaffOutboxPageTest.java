package be.subside.notification;

import static org.assertj.core.api.Assertions.*;

import be.subside.Fixtures;
import be.subside.IntegrationTest;
import be.subside.application.Application;
import be.subside.call.Administration;
import be.subside.identity.Organisation;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Staff see failed mails on /staff/outbox and put them back in line from there; applicants cannot. */
@IntegrationTest
class StaffOutboxPageTest {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    NotificationService notifications;
    @Autowired
    IdentityService identity;
    @Autowired
    JdbcTemplate jdbc;

    final HttpClient http = HttpClient.newHttpClient();

    HttpRequest.Builder request(String path, String user, String password) {
        return be.subside.BasicAuth.request(port, path, user, password);
    }

    @Test
    void staffSeeAFailedMailAndRetryIt() throws Exception {
        if (identity.createUserQuery().userId("outbox-agent").count() == 0) {
            User user = identity.newUser("outbox-agent");
            user.setPassword("Outbox-password-1");
            identity.saveUser(user);
            identity.createMembership("outbox-agent", "staff-cocof");
        }
        Organisation lead = fixtures.organisation(Administration.COCOF);
        fixtures.account(lead);
        Application draft = fixtures.draft(fixtures.openCall(), lead);
        OutboxMessage message = notifications.sentFor(draft.getId()).get(0);
        jdbc.update("update outbox_message set status = 'FAILED', attempts = 4, last_error = 'Connection refused' "
                + "where id = ?", message.getId());

        HttpResponse<String> page = http.send(request("/staff/outbox", "outbox-agent", "Outbox-password-1").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(message.getSubject().replace("'", "&#39;"), "Connection refused",
                "/staff/outbox/" + message.getId() + "/retry");

        HttpRequest retry = request("/staff/outbox/" + message.getId() + "/retry", Fixtures.user(lead), Fixtures.PASSWORD)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        assertThat(http.send(retry, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        assertThat(jdbc.queryForObject("select status from outbox_message where id = ?", String.class, message.getId()))
                .isEqualTo("FAILED");

        for (String[] header : new String[][] {{"Sec-Fetch-Site", "cross-site"}, {"Origin", "https://evil.example"}}) {
            HttpRequest forged = request("/staff/outbox/" + message.getId() + "/retry", "outbox-agent",
                    "Outbox-password-1").header(header[0], header[1]).POST(HttpRequest.BodyPublishers.noBody()).build();
            assertThat(http.send(forged, HttpResponse.BodyHandlers.ofString()).statusCode()).as(header[0]).isEqualTo(403);
        }
        assertThat(jdbc.queryForObject("select status from outbox_message where id = ?", String.class, message.getId()))
                .isEqualTo("FAILED");

        HttpResponse<String> retried = http.send(request("/staff/outbox/" + message.getId() + "/retry", "outbox-agent",
                "Outbox-password-1").POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(retried.statusCode()).isEqualTo(303);
        assertThat(jdbc.queryForObject("select status from outbox_message where id = ?", String.class, message.getId()))
                .isEqualTo("PENDING");
    }
}
