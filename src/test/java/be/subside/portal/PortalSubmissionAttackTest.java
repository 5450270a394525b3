package be.subside.portal;

import static org.assertj.core.api.Assertions.*;

import be.subside.CamundaWebapps;
import be.subside.Fixtures;
import be.subside.IntegrationTest;
import be.subside.application.Application;
import be.subside.application.ApplicationService;
import be.subside.application.ApplicationState;
import be.subside.call.Administration;
import be.subside.call.Call;
import be.subside.identity.Organisation;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Submissions tampered with the way an attacker would, each checked for its answer and for what the database holds
 * afterwards (our tables and the engine's): parameters that are not fields of the form (names of process variables,
 * of another form's fields, of entity properties, expressions) are never stored, as variables or otherwise; a
 * submission after the deadline, two at once, or one without its CSRF token changes nothing; an applicant's
 * credentials open neither engine-rest nor the Camunda webapps.
 */
@IntegrationTest
class PortalSubmissionAttackTest {

    /**
     * Parameters that are no field of the dossier: a look-alike, prototype pollution, expressions as names and values,
     * fields of the staff forms, the process variables that route and identify the case, the entity's own properties.
     */
    static final List<String> UNKNOWN = List.of(
            "amountRequested2", "999999",
            "__proto__", "polluted",
            "__proto__[admin]", "true",
            "constructor[prototype][admin]", "true",
            "${7*7}", "${7*7}",
            "#{runtimeService}", "#{runtimeService.deleteProcessInstance(execution.processInstanceId, 'x')}",
            "${execution.setVariable('injected', 1)}", "1",
            "admissibilityDecision", "ADMISSIBLE",
            "eligibilityDecision", "ELIGIBLE",
            "grantedAmount", "500000",
            "grantDecision", "GRANTED",
            "missingInformation", "Rien",
            "responseDays", "60",
            "staffGroup", "staff-cocom",
            "applicantUserId", "attacker@evil.example",
            "applicationReference", "T999-9999",
            "applicationId", "1",
            "callCode", "OTHER",
            "selected", "true",
            "stage1Deadline", "2099-12-31T00:00:00",
            "state", "GRANTED",
            "version", "99",
            "reference", "T999-9999",
            "leadOrganisation", "1",
            "id", "1");

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    ApplicationService applications;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcTemplate jdbc;

    Call call;
    Organisation lead;
    Organisation partner;

    @BeforeEach
    void applicant() {
        call = fixtures.openCall();
        lead = fixtures.organisation(Administration.COCOF);
        partner = fixtures.organisation(Administration.COCOM);
        fixtures.account(lead);
    }

    List<String> completeDossier(String title) {
        return List.of("projectTitle", title, "projectSummary", "Achats groupés ${7*7} #{runtimeService}.",
                "measures", "PURCHASING_CENTRALS", "aims", "COLLABORATIVE_WORK",
                "partners[0].enterpriseNumber", partner.getEnterpriseNumber(), "requestedAmount", "45000",
                "declarationAccepted", "true");
    }

    static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).collect(Collectors.toList());
    }

    static String dossier(String reference) {
        return "/portal/applications/" + reference + "/dossier";
    }

    String instance(String reference) {
        return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult().getId();
    }

    /** Every variable the instance ever had, in any scope (process, task-local), as history recorded it. */
    Set<String> everVariables(String instance) {
        return history.createHistoricVariableInstanceQuery().processInstanceId(instance).list().stream()
                .map(HistoricVariableInstance::getName).collect(Collectors.toSet());
    }

    static Set<String> unknownNames() {
        Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < UNKNOWN.size(); i += 2) {
            names.add(UNKNOWN.get(i));
        }
        return names;
    }

    /** The names of the unknown parameters that are not also variables the process sets itself. */
    static Set<String> foreignNames(Set<String> processOwn) {
        Set<String> names = unknownNames();
        names.removeAll(processOwn);
        return names;
    }

    @Test
    void neverStoresUnknownDossierFieldsAsVariablesNorInTheCase() throws Exception {
        Application draft = fixtures.draft(call, lead);
        String reference = draft.getReference();
        String instance = instance(reference);
        Map<String, Object> variablesBefore = runtime.getVariables(instance);
        Set<String> everBefore = everVariables(instance);
        PortalClient browser = new PortalClient(port).signIn(lead);
        String title = "Titre ${7*7} #{runtimeService} {{constructor}}";

        HttpResponse<String> saved = browser.post(dossier(reference), dossier(reference),
                concat(concat(List.of("action", "save"), completeDossier(title)), UNKNOWN));
        assertThat(PortalCaseTest.location(saved)).endsWith("/dossier?saved");
        assertThat(runtime.getVariables(instance)).isEqualTo(variablesBefore);
        assertThat(everVariables(instance)).isEqualTo(everBefore);

        HttpResponse<String> submitted = browser.post(dossier(reference), dossier(reference),
                concat(concat(List.of("action", "submit"), completeDossier(title)), UNKNOWN));
        assertThat(PortalCaseTest.location(submitted)).endsWith("?submitted");

        // the process has exactly the variables it had, with their values: routing, identity, deadlines
        Map<String, Object> variablesAfter = runtime.getVariables(instance);
        assertThat(variablesAfter).isEqualTo(variablesBefore);
        assertThat(variablesAfter).containsEntry("staffGroup", "staff-cocof")
                .containsEntry("applicantUserId", Fixtures.user(lead)).containsEntry("applicationReference", reference)
                .containsEntry("callCode", call.getCode()).containsEntry("applicationId", draft.getId());
        assertThat(everVariables(instance)).doesNotContainAnyElementsOf(foreignNames(everBefore))
                .doesNotContain("injected");
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance).list())
                .allSatisfy(v -> assertThat(String.valueOf(v.getValue())).doesNotContain("${", "#{", "attacker", "999999"));
        // the case goes to its own administration's staff, undecided
        assertThat(tasks.createTaskQuery().processInstanceId(instance).singleResult().getTaskDefinitionKey())
                .isEqualTo("Task_CheckAdmissibility");
        assertThat(tasks.createTaskQuery().processInstanceId(instance).taskCandidateGroup("staff-cocof").count())
                .isEqualTo(1);
        assertThat(tasks.createTaskQuery().processInstanceId(instance).taskCandidateGroup("staff-cocom").count()).isZero();

        // the case row holds what the form's fields said, literally, and nothing from the other parameters
        Map<String, Object> row = jdbc.queryForMap("select reference, state, title, summary, requested_amount, "
                + "lead_organisation_id, version from application where id = ?", draft.getId());
        assertThat(row.get("reference")).isEqualTo(reference);
        assertThat(row.get("state")).isEqualTo(ApplicationState.STAGE1_SUBMITTED.name());
        assertThat(row.get("title")).isEqualTo(title);
        assertThat(row.get("summary")).isEqualTo("Achats groupés ${7*7} #{runtimeService}.");
        assertThat((java.math.BigDecimal) row.get("requested_amount")).isEqualByComparingTo("45000");
        assertThat(row.get("lead_organisation_id")).isEqualTo(lead.getId());
        assertThat((Long) row.get("version")).isLessThan(99L);
        assertThat(jdbc.queryForObject("select count(*) from application where reference = 'T999-9999'", Long.class))
                .isZero();
        assertThat(jdbc.queryForList("select detail from audit_event where application_id = ?", String.class,
                draft.getId())).noneMatch(d -> d != null && (d.contains("attacker") || d.contains("999999")));
    }

    @Test
    void neverStoresUnknownFieldsOfTheInformationResponse() throws Exception {
        String reference = fixtures.submitted(call, lead, partner, "1000").getReference();
        String instance = instance(reference);
        String task = tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey("Task_CheckAdmissibility").singleResult().getId();
        tasks.claim(task, "cocof-agent1");
        tasks.complete(task, Map.of("admissibilityDecision", "INCOMPLETE", "missingInformation",
                "Les statuts signés du partenaire.", "responseDays", 10));
        Map<String, Object> variablesBefore = runtime.getVariables(instance);
        Set<String> everBefore = everVariables(instance);
        PortalClient browser = new PortalClient(port).signIn(lead);
        String page = "/portal/applications/" + reference + "/information";

        HttpResponse<String> answered = browser.post(page, page, concat(List.of("missingInformationResponse",
                "Voici les statuts ${7*7}."), UNKNOWN));

        assertThat(PortalCaseTest.location(answered)).endsWith("?informed");
        // the staff's decision and request stay as staff set them; nothing else was added
        assertThat(runtime.getVariables(instance)).isEqualTo(variablesBefore)
                .containsEntry("admissibilityDecision", "INCOMPLETE")
                .containsEntry("missingInformation", "Les statuts signés du partenaire.")
                .containsEntry("responseDays", 10).containsEntry("staffGroup", "staff-cocof");
        assertThat(everVariables(instance)).doesNotContainAnyElementsOf(foreignNames(everBefore))
                .doesNotContain("missingInformationResponse", "injected");
        assertThat(applications.informationRequests(applications.get(reference).getId()).get(0).getResponseText())
                .isEqualTo("Voici les statuts ${7*7}.");
        assertThat(applications.get(reference).getState()).isEqualTo(ApplicationState.STAGE1_SUBMITTED);
    }

    @Test
    void refusesASubmissionAfterTheDeadlineAndChangesNothing() throws Exception {
        Application draft = fixtures.draft(call, lead);
        String reference = draft.getReference();
        PortalClient browser = new PortalClient(port).signIn(lead);
        Fixtures.setClock(Fixtures.STAGE1_DEADLINE);
        Map<String, Object> before = CaseSnapshot.of(jdbc, reference);

        for (String action : List.of("submit", "save")) {
            HttpResponse<String> late = browser.post(dossier(reference), dossier(reference),
                    concat(List.of("action", action), completeDossier("En retard")));
            assertThat(late.statusCode()).isEqualTo(200);
            assertThat(late.body()).contains("role=\"alert\"", "n&#39;a pas pu être introduit",
                    "L&#39;échéance est passée (dimanche 31 mars 2030 à 24:00");
        }
        assertThat(CaseSnapshot.of(jdbc, reference)).isEqualTo(before);

        // once the call's deadline has closed the draft: still refused, still nothing changes
        fixtures.passStage1Deadline(call);
        assertThat(applications.get(reference).getState()).isEqualTo(ApplicationState.DRAFT_EXPIRED);
        Map<String, Object> closed = CaseSnapshot.of(jdbc, reference);
        HttpResponse<String> afterClosing = browser.post(dossier(reference), dossier(reference),
                concat(List.of("action", "submit"), completeDossier("En retard")));
        assertThat(afterClosing.statusCode()).isEqualTo(200);
        assertThat(afterClosing.body()).contains("role=\"alert\"", "n&#39;a pas pu être introduit");
        assertThat(CaseSnapshot.of(jdbc, reference)).isEqualTo(closed);
    }

    @Test
    void twoSimultaneousSubmissionsOfOneDossierCompleteItsTaskOnce() throws Exception {
        for (int round = 0; round < 3; round++) {
            Application draft = fixtures.draft(call, lead);
            String reference = draft.getReference();
            PortalClient browser = new PortalClient(port).signIn(lead);
            String token = PortalAccountTest.csrf(browser.get(dossier(reference)).body());
            String body = form(concat(List.of("_csrf", token, "action", "submit"), completeDossier("Deux onglets")));
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + dossier(reference)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();

            CompletableFuture<HttpResponse<String>> first = browser.http.sendAsync(request,
                    HttpResponse.BodyHandlers.ofString());
            CompletableFuture<HttpResponse<String>> second = browser.http.sendAsync(request,
                    HttpResponse.BodyHandlers.ofString());
            List<HttpResponse<String>> responses = List.of(first.get(60, TimeUnit.SECONDS),
                    second.get(60, TimeUnit.SECONDS));

            assertThat(responses).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(302, 200);
            HttpResponse<String> refused = responses.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow();
            assertThat(refused.body()).contains("role=\"alert\"", "n&#39;a pas pu être introduit");
            String instance = instance(reference);
            assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(instance)
                    .taskDefinitionKey("Task_SubmitPreliminaryDossier").finished().count()).isEqualTo(1);
            assertThat(tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("Task_CheckAdmissibility")
                    .count()).isEqualTo(1);
            assertThat(jdbc.queryForObject("select count(*) from audit_event where application_id = ? and type = ?",
                    Long.class, draft.getId(), "STAGE1_SUBMITTED")).isEqualTo(1);
            assertThat(jdbc.queryForList("select recipient from outbox_message where application_id = ? and event = ?",
                    String.class, draft.getId(), "STAGE1_SUBMITTED")).as("one mail to each recipient").isNotEmpty()
                    .doesNotHaveDuplicates();
            assertThat(jdbc.queryForObject("select count(*) from document where application_id = ? and slot = ?",
                    Long.class, draft.getId(), "RECEIPT")).isEqualTo(1);
        }
    }

    static String form(List<String> fields) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < fields.size(); i += 2) {
            pairs.add(URLEncoder.encode(fields.get(i), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(fields.get(i + 1), StandardCharsets.UTF_8));
        }
        return String.join("&", pairs);
    }

    @Test
    void refusesSignedInPostsWithoutTheirCsrfToken() throws Exception {
        Application draft = fixtures.draft(call, lead);
        String reference = draft.getReference();
        PortalClient browser = new PortalClient(port).signIn(lead);
        Map<String, Object> before = CaseSnapshot.of(jdbc, reference);

        for (String token : new String[] {null, "forged"}) {
            for (String action : List.of("save", "submit")) {
                List<String> fields = concat(List.of("action", action), completeDossier("Sans jeton"));
                if (token != null) {
                    fields = concat(List.of("_csrf", token), fields);
                }
                assertThat(raw(browser, dossier(reference), "application/x-www-form-urlencoded", form(fields).getBytes(
                        StandardCharsets.UTF_8)).statusCode()).isEqualTo(403);
            }
            String boundary = "----csrf" + System.nanoTime();
            String upload = PortalRequestLimitsTest.part(boundary, "slot", "STATUTES")
                    + (token == null ? "" : PortalRequestLimitsTest.part(boundary, "_csrf", token))
                    + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"autre.pdf\"\r\n"
                    + "Content-Type: application/pdf\r\n\r\n" + new String(Fixtures.pdf("autre"), StandardCharsets.ISO_8859_1)
                    + "\r\n--" + boundary + "--\r\n";
            assertThat(raw(browser, "/portal/applications/" + reference + "/documents",
                    "multipart/form-data; boundary=" + boundary, upload.getBytes(StandardCharsets.ISO_8859_1))
                    .statusCode()).isEqualTo(403);
            assertThat(raw(browser, "/portal/calls/" + call.getCode() + "/applications",
                    "application/x-www-form-urlencoded", ("organisationId=" + lead.getId()
                            + (token == null ? "" : "&_csrf=" + token)).getBytes(StandardCharsets.UTF_8))
                    .statusCode()).isEqualTo(403);
        }

        assertThat(CaseSnapshot.of(jdbc, reference)).isEqualTo(before);
        assertThat(applications.mine(Fixtures.user(lead))).hasSize(1);
        assertThat(browser.get("/portal").statusCode()).as("still signed in").isEqualTo(200);
    }

    HttpResponse<String> raw(PortalClient browser, String path, String contentType, byte[] body) throws Exception {
        return browser.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anApplicantsOwnCredentialsOpenNeitherEngineRestNorTheCamundaWebapps() throws Exception {
        CamundaWebapps.restoreRuntimeDelegates();
        String reference = fixtures.submitted(call, lead, partner, "1000").getReference();
        Map<String, Object> before = CaseSnapshot.of(jdbc, reference);
        PortalClient browser = new PortalClient(port).signIn(lead);
        String basic = "Basic " + Base64.getEncoder().encodeToString((Fixtures.user(lead) + ":" + Fixtures.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));

        for (String path : List.of("/engine-rest/task", "/engine-rest/process-instance?businessKey=" + reference,
                "/engine-rest/variable-instance")) {
            HttpResponse<String> response = browser.http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                    + port + path)).header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.body()).doesNotContain(reference);
        }
        HttpResponse<String> completion = browser.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/engine-rest/task/" + tasks.createTaskQuery().processInstanceBusinessKey(reference).singleResult().getId()
                + "/complete")).header("Authorization", basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"variables\":{\"admissibilityDecision\":{\"value\":"
                        + "\"ADMISSIBLE\"}}}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(completion.statusCode()).isEqualTo(401);

        // the webapps' own login does not know applicants either, and their API stays closed to the portal session
        HttpResponse<String> login = raw(browser, "/camunda/api/admin/auth/user/default/login/tasklist",
                "application/x-www-form-urlencoded", ("username=" + URLEncoder.encode(Fixtures.user(lead),
                        StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(Fixtures.PASSWORD,
                        StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        assertThat(login.statusCode()).as(login.body()).isIn(401, 403);
        assertThat(browser.get("/camunda/api/engine/engine/default/task").statusCode()).isIn(401, 403);
        assertThat(browser.get("/camunda/api/engine/engine/default/variable-instance").statusCode()).isIn(401, 403);

        assertThat(CaseSnapshot.of(jdbc, reference)).isEqualTo(before);
    }
}
