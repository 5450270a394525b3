package be.subside.process;

import static org.assertj.core.api.Assertions.*;

import be.subside.Fixtures;
import be.subside.IntegrationTest;
import be.subside.call.Administration;
import be.subside.call.Call;
import be.subside.identity.Organisation;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** engine-rest over real HTTP: no credentials, no answer; staff get their administration's tasks only. */
@IntegrationTest
class EngineRestAuthenticationTest {

    static final String PASSWORD = "Rest-test-password-1";

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    Fixtures fixtures;

    final HttpClient http = HttpClient.newHttpClient();
    String cocofCase;
    String cocomCase;

    @BeforeEach
    void staffAndCases() {
        user("rest-cocof", "staff-cocof");
        user("rest-cocom", "staff-cocom");
        user("rest-mistyped", "staff-cocom");
        Call call = fixtures.openCall();
        Organisation cocof = fixtures.organisation(Administration.COCOF);
        Organisation cocom = fixtures.organisation(Administration.COCOM);
        cocofCase = fixtures.submitted(call, cocof, cocom, "1000").getReference();
        cocomCase = fixtures.submitted(call, cocom, cocof, "1000").getReference();
    }

    void user(String id, String group) {
        be.subside.StaffUsers.ensure(identity, id, group, PASSWORD);
    }

    HttpResponse<String> get(String path, String user, String password) throws IOException, InterruptedException {
        return http.send(be.subside.BasicAuth.request(port, path, user, password).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void refusesRequestsWithoutValidCredentials() throws Exception {
        assertThat(get("/engine-rest/task", null, null).statusCode()).isEqualTo(401);
        assertThat(get("/engine-rest/process-instance", null, null).statusCode()).isEqualTo(401);
        assertThat(get("/engine-rest/engine/default/task", null, null).statusCode()).isEqualTo(401);
        // a wrong password also locks the user for a while: another user than the ones the other tests use
        assertThat(get("/engine-rest/task", "rest-mistyped", "wrong").statusCode()).isEqualTo(401);
        assertThat(get("/engine-rest/task", "nobody", PASSWORD).statusCode()).isEqualTo(401);
    }

    @Test
    void staffSeeOnlyTheirAdministrationsTasks() throws Exception {
        HttpResponse<String> response = get("/engine-rest/task?taskDefinitionKey=Task_CheckAdmissibility&maxResults=50",
                "rest-cocof", PASSWORD);
        assertThat(response.statusCode()).isEqualTo(200);
        HttpResponse<String> cocofView = get("/engine-rest/task?maxResults=50&processInstanceBusinessKey=" + cocofCase,
                "rest-cocof", PASSWORD);
        HttpResponse<String> hidden = get("/engine-rest/task?maxResults=50&processInstanceBusinessKey=" + cocomCase,
                "rest-cocof", PASSWORD);
        assertThat(cocofView.body()).contains("Task_CheckAdmissibility");
        assertThat(hidden.statusCode()).isEqualTo(200);
        assertThat(hidden.body()).isEqualTo("[]");
    }
}
