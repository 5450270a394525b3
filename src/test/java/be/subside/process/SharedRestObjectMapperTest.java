package be.subside.process;

import static org.assertj.core.api.Assertions.*;

import be.subside.BasicAuth;
import be.subside.CamundaWebapps;
import be.subside.CamundaWebapps.Session;
import be.subside.Fixtures;
import be.subside.IntegrationTest;
import be.subside.StaffUsers;
import be.subside.call.Administration;
import be.subside.call.Call;
import be.subside.identity.Organisation;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Camunda's REST APIs read and write JSON with {@link SharedRestObjectMapper}, configured as Camunda configures its own:
 * both engine-rest and the webapps' engine API (Tasklist's) ask it, and take its mapper, before Camunda's
 * {@code JacksonConfigurator}, which builds a new one at every lookup.
 */
@IntegrationTest
class SharedRestObjectMapperTest {

    static final String PASSWORD = "Shared-mapper-1";
    /** Camunda's date format in REST answers: {@code yyyy-MM-dd'T'HH:mm:ss.SSSZ}. */
    static final String CAMUNDA_DATE = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}[+-]\\d{4}";

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    AuthorizationService authorizations;
    @Autowired
    FilterService filters;
    @Autowired
    Fixtures fixtures;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void camundasRestApisUseTheSharedMapperConfiguredAsCamundasOwn() throws Exception {
        StaffUsers.ensure(identity, "mapper-cocof", "staff-cocof", PASSWORD);
        Call call = fixtures.openCall();
        String reference = fixtures.submitted(call, fixtures.organisation(Administration.COCOF),
                fixtures.organisation(Administration.COCOM), "1000").getReference();

        // engine-rest with Basic credentials; a property Camunda does not know is ignored, a date is read in its format
        long before = SharedRestObjectMapper.lookups();
        HttpResponse<String> rest = http.send(BasicAuth.request(port, "/engine-rest/task?maxResults=15", "mapper-cocof", PASSWORD)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"processInstanceBusinessKey\":\"" + reference + "\","
                        + "\"createdAfter\":\"2000-01-01T00:00:00.000+0100\",\"notAQueryProperty\":true}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(200);
        assertThat(rest.body()).contains("\"taskDefinitionKey\":\"Task_CheckAdmissibility\"")
                .containsPattern("\"created\":\"" + CAMUNDA_DATE + "\"");
        assertThat(SharedRestObjectMapper.lookups()).as("engine-rest asked the shared mapper").isGreaterThan(before);

        // what Tasklist sends for a filter's first page, in a signed-in webapp session, as HAL
        CamundaWebapps.restoreRuntimeDelegates();
        CamundaWebapps.unknownAdministrator(identity, authorizations);
        Session session = CamundaWebapps.webappLogin(http, port, "mapper-cocof", PASSWORD);
        String filterId = filters.createTaskFilterQuery().filterName("Dossiers COCOF / Dossiers COCOF").singleResult()
                .getId();
        long beforeWebapp = SharedRestObjectMapper.lookups();
        HttpResponse<String> page = http.send(session.post(port,
                "/camunda/api/engine/engine/default/filter/" + filterId + "/list?firstResult=0&maxResults=15",
                "application/hal+json, application/json; q=0.5",
                "{\"processVariables\":[],\"taskVariables\":[],\"caseInstanceVariables\":[],\"firstResult\":0,"
                        + "\"maxResults\":15,\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}],"
                        + "\"active\":true,\"notAQueryProperty\":true}"), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/hal+json"));
        assertThat(page.body()).contains("\"_embedded\"", "\"taskDefinitionKey\":\"Task_CheckAdmissibility\"")
                .containsPattern("\"created\":\"" + CAMUNDA_DATE + "\"");
        assertThat(SharedRestObjectMapper.lookups()).as("the webapps' engine API asked the shared mapper")
                .isGreaterThan(beforeWebapp);
    }

    @Test
    void stockLeavesTheLookupToCamundaAndGivesItBackWhenItStops() {
        SharedRestObjectMapper resolver = new SharedRestObjectMapper();
        com.fasterxml.jackson.databind.ObjectMapper mapper = resolver.getContext(Object.class);
        assertThat(resolver.getContext(Object.class)).as("one mapper for every lookup").isSameAs(mapper);
        SharedRestObjectMapper.Stock stock = new SharedRestObjectMapper.Stock();
        try {
            assertThat(resolver.getContext(Object.class)).as("no answer: Jersey asks JacksonConfigurator").isNull();
        } finally {
            stock.destroy();
        }
        assertThat(resolver.getContext(Object.class)).isSameAs(mapper);
    }
}
