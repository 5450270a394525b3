package be.subside.process;

import static org.assertj.core.api.Assertions.*;

import be.subside.Fixtures;
import be.subside.IntegrationTest;
import be.subside.call.Administration;
import be.subside.call.Call;
import be.subside.identity.Organisation;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An attacker's suite against the Camunda side, over real HTTP on PostgreSQL: every request here must be refused, and
 * each test checks the status AND that the engine's and our tables are exactly as before (a fingerprint of tasks,
 * variables, instances, deployments, filters, authorizations, users, history, cases, documents and outbox).
 */
@IntegrationTest
class CamundaAttackTest {

    static final String PASSWORD = "Attack-test-password-1";

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    org.camunda.bpm.engine.AuthorizationService authorizations;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcTemplate jdbc;

    final HttpClient http = HttpClient.newHttpClient();
    String cocofCase;
    String cocomCase;
    String cocomTask;
    String cocomInstance;
    String cocofTask;
    String cocofInstance;
    String filterId;

    @BeforeEach
    void staffAndCases() {
        be.subside.CamundaWebapps.restoreRuntimeDelegates();
        be.subside.CamundaWebapps.administratorsGroup(identity, authorizations);
        user("attack-cocof", "staff-cocof");
        user("attack-manager", "managers");
        user("attack-admin", "camunda-admin");
        user("attack-brute", "staff-cocof");
        Call call = fixtures.openCall();
        Organisation cocof = fixtures.organisation(Administration.COCOF);
        Organisation cocom = fixtures.organisation(Administration.COCOM);
        cocofCase = fixtures.submitted(call, cocof, cocom, "1000").getReference();
        cocomCase = fixtures.submitted(call, cocom, cocof, "1000").getReference();
        cocomTask = tasks.createTaskQuery().processInstanceBusinessKey(cocomCase).singleResult().getId();
        cocomInstance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(cocomCase).singleResult().getId();
        cocofTask = tasks.createTaskQuery().processInstanceBusinessKey(cocofCase).singleResult().getId();
        cocofInstance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(cocofCase).singleResult().getId();
        filterId = jdbc.queryForObject("select id_ from act_ru_filter where name_ like '%COCOF%' limit 1", String.class);
    }

    void user(String id, String group) {
        be.subside.StaffUsers.ensure(identity, id, group, PASSWORD);
    }

    /** What must not change: a digest of every table an attack could touch. */
    Map<String, String> fingerprint() {
        Map<String, String> tables = new LinkedHashMap<>();
        for (String table : List.of("act_ru_task", "act_ru_variable", "act_ru_execution", "act_ru_identitylink",
                "act_re_deployment", "act_re_procdef", "act_ge_bytearray", "act_ru_filter", "act_ru_authorization",
                "act_id_user", "act_id_membership", "act_hi_varinst", "act_hi_taskinst", "act_ru_job", "application",
                "document", "outbox_message", "audit_event", "case_decision", "selection_draft",
                "selection_draft_application")) {
            tables.put(table, jdbc.queryForObject("select count(*) || ':' || coalesce(md5(string_agg(md5(t::text), ','"
                    + " order by md5(t::text))), '') from " + table + " t", String.class));
        }
        return tables;
    }

    record Attack(String method, String path, String user, String contentType, String body, Map<String, String> headers) {
        static Attack get(String path, String user) {
            return new Attack("GET", path, user, null, null, Map.of());
        }

        static Attack json(String method, String path, String user, String body) {
            return new Attack(method, path, user, "application/json", body, Map.of());
        }
    }

    HttpResponse<String> send(Attack attack) throws Exception {
        boolean evaluator = attack.user() != null
                && identity.createUserQuery().userId(attack.user()).memberOfGroup("evaluators").count() > 0;
        HttpRequest.Builder request = be.subside.BasicAuth.request(port, attack.path(), attack.user(),
                evaluator ? Fixtures.EVALUATOR_PASSWORD : PASSWORD);
        if (attack.contentType() != null) {
            request.header("Content-Type", attack.contentType());
        }
        attack.headers().forEach(request::header);
        request.method(attack.method(), attack.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(attack.body()));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends the attack, expects one of the statuses, and nothing changed anywhere. */
    HttpResponse<String> refused(Attack attack, Integer... statuses) throws Exception {
        Map<String, String> before = fingerprint();
        HttpResponse<String> response = send(attack);
        assertThat(response.statusCode()).as("%s %s as %s: %s", attack.method(), attack.path(), attack.user(),
                response.body()).isIn((Object[]) statuses);
        assertThat(fingerprint()).as("nothing changed after %s %s", attack.method(), attack.path()).isEqualTo(before);
        return response;
    }

    /** The query is answered, but with nothing of the other administration's case, and nothing changed. */
    void answersNothing(Attack attack) throws Exception {
        HttpResponse<String> response = refused(attack, 200);
        assertThat(response.body()).as("%s as %s", attack.path(), attack.user()).isIn("[]", "{\"count\":0}");
    }

    @Test
    void nobodyUnauthenticatedGetsIn() throws Exception {
        refused(Attack.get("/engine-rest/task?maxResults=10", null), 401);
        refused(Attack.get("/engine-rest/history/process-instance?maxResults=10", null), 401);
        refused(Attack.get("/engine-rest/process-instance/" + cocomInstance + "/variables", null), 401);
        refused(Attack.json("POST", "/engine-rest/task/" + cocomTask + "/claim", null, "{\"userId\":\"x\"}"), 401);
        refused(Attack.json("POST", "/engine-rest/task/" + cocomTask + "/complete", null, "{}"), 401);
        refused(Attack.get("/engine-rest/deployment?maxResults=10", null), 401);
        refused(Attack.get("/camunda/api/engine/engine/default/task?maxResults=10", null), 401);
        refused(Attack.get("/camunda/api/cockpit/plugin/base/default/process-instance/" + cocomInstance
                + "/called-process-instances", null), 401, 403);
        refused(new Attack("POST", "/camunda/api/admin/setup/default/user/create", null, "application/json",
                "{\"profile\":{\"id\":\"intruder\"},\"credentials\":{\"password\":\"Intruder-password-1\"}}",
                Map.of()), 403);
    }

    @Test
    void staffOfOneAdministrationCannotTouchTheOthersCase() throws Exception {
        refused(Attack.get("/engine-rest/task/" + cocomTask, "attack-cocof"), 403, 404);
        refused(Attack.get("/engine-rest/task/" + cocomTask + "/variables", "attack-cocof"), 403, 404);
        refused(Attack.get("/engine-rest/task/" + cocomTask + "/form-variables", "attack-cocof"), 403, 404);
        refused(Attack.json("POST", "/engine-rest/task/" + cocomTask + "/claim", "attack-cocof",
                "{\"userId\":\"attack-cocof\"}"), 403, 404);
        refused(Attack.json("POST", "/engine-rest/task/" + cocomTask + "/assignee", "attack-cocof",
                "{\"userId\":\"attack-cocof\"}"), 403, 404);
        refused(Attack.json("POST", "/engine-rest/task/" + cocomTask + "/complete", "attack-cocof",
                "{\"variables\":{\"admissibilityDecision\":{\"value\":\"ADMISSIBLE\"}}}"), 403, 404, 500);
        refused(Attack.json("POST", "/engine-rest/task/" + cocomTask + "/submit-form", "attack-cocof",
                "{\"variables\":{\"admissibilityDecision\":{\"value\":\"ADMISSIBLE\"}}}"), 403, 404, 500);
        refused(Attack.get("/engine-rest/process-instance/" + cocomInstance + "/variables", "attack-cocof"), 403, 404);
        refused(Attack.json("POST", "/engine-rest/process-instance/" + cocomInstance + "/variables", "attack-cocof",
                "{\"modifications\":{\"applicationId\":{\"value\":1}}}"), 403, 404, 500);
        refused(new Attack("DELETE", "/engine-rest/process-instance/" + cocomInstance, "attack-cocof", null, null,
                Map.of()), 403, 404);
        answersNothing(Attack.get("/engine-rest/history/process-instance?maxResults=10&processInstanceId="
                + cocomInstance, "attack-cocof"));
        answersNothing(Attack.get("/engine-rest/history/variable-instance?maxResults=10&processInstanceId="
                + cocomInstance, "attack-cocof"));
        answersNothing(Attack.get("/engine-rest/history/task?maxResults=10&processInstanceId=" + cocomInstance,
                "attack-cocof"));
        answersNothing(Attack.get("/engine-rest/task?maxResults=10&processInstanceBusinessKey=" + cocomCase,
                "attack-cocof"));
        refused(Attack.get("/staff/cases/" + cocomCase + "/documents", "attack-cocof"), 404);
        Long document = jdbc.queryForObject("select d.id from document d join application a on a.id = d.application_id"
                + " where a.reference = ? limit 1", Long.class, cocomCase);
        refused(Attack.get("/api/documents/" + document + "/content", "attack-cocof"), 404);
    }

    @Test
    void evaluatorsReachOnlyTheCaseAssignedToThemAndOnlyOnceTheyDeclaredNoConflict() throws Exception {
        be.subside.StaffUsers.ensure(identity, "attack-evaluator", "evaluators", Fixtures.EVALUATOR_PASSWORD);
        String reference = runtime.createProcessInstanceQuery().processInstanceId(cocofInstance).singleResult()
                .getBusinessKey();
        fixtures.staff(reference, "Task_CheckAdmissibility", "attack-cocof", Map.of("admissibilityDecision", "ADMISSIBLE"));
        fixtures.staff(reference, "Task_CheckEligibility", "attack-cocof", Map.of("eligibilityDecision", "ELIGIBLE"));
        String assigned = fixtures.assignedEvaluator(reference);
        String other = identity.createUserQuery().memberOfGroup("evaluators").list().stream().map(u -> u.getId())
                .filter(id -> !id.equals(assigned)).findFirst().orElseThrow();
        String declaration = fixtures.declarationTask(reference).getId();
        Long document = jdbc.queryForObject("select d.id from document d join application a on a.id = d.application_id"
                + " where a.reference = ? limit 1", Long.class, reference);
        String summary = jdbc.queryForObject("select summary from application where reference = ?", String.class,
                reference);

        // the assigned evaluator, before declaring: the parties and the declaration, nothing else
        refused(Attack.get("/engine-rest/process-instance/" + cocofInstance + "/variables", assigned), 403, 404);
        refused(Attack.get("/engine-rest/process-instance/" + cocofInstance, assigned), 403, 404);
        HttpResponse<String> declarationVariables = send(Attack.get("/engine-rest/task/" + declaration + "/variables",
                assigned));
        assertThat(declarationVariables.body()).as("the declaration task carries ids only").contains("evaluatorId")
                .doesNotContain("applicantUserId", "staffGroup", "admissibilityDecision");
        answersNothing(Attack.get("/engine-rest/history/process-instance?maxResults=10&processInstanceId="
                + cocofInstance, assigned));
        answersNothing(Attack.get("/engine-rest/history/variable-instance?maxResults=10&processInstanceId="
                + cocofInstance, assigned));
        refused(Attack.get("/staff/cases/" + reference + "/documents", assigned), 404);
        refused(Attack.get("/api/documents/" + document + "/content", assigned), 404);
        HttpResponse<String> parties = refused(Attack.get("/staff/cases/" + reference, assigned), 200);
        assertThat(parties.body()).contains(reference).doesNotContain(summary).doesNotContain("SHA-256");
        refused(Attack.json("POST", "/engine-rest/task/" + declaration + "/complete", assigned,
                "{\"variables\":{\"conflictDeclaration\":{\"value\":\"NO_CONFLICT\"}}}"), 400, 500);
        refused(Attack.json("POST", "/engine-rest/task/" + declaration + "/assignee", assigned,
                "{\"userId\":\"" + other + "\"}"), 400, 403, 500);

        // another evaluator: nothing of a case that is not theirs
        refused(Attack.get("/engine-rest/task/" + declaration, other), 403, 404);
        refused(Attack.get("/engine-rest/task/" + declaration + "/form-variables", other), 403, 404);
        refused(Attack.json("POST", "/engine-rest/task/" + declaration + "/claim", other,
                "{\"userId\":\"" + other + "\"}"), 403, 404, 500);
        refused(Attack.json("POST", "/engine-rest/task/" + declaration + "/complete", other, "{\"variables\":"
                + "{\"conflictDeclaration\":{\"value\":\"NO_CONFLICT\"},\"declarationSworn\":{\"value\":true}}}"),
                403, 404, 500);
        refused(Attack.get("/staff/cases/" + reference, other), 404);
        answersNothing(Attack.get("/engine-rest/task?maxResults=10&processInstanceBusinessKey=" + reference, other));

        fixtures.clearedEvaluator(reference);
        String evaluation = tasks.createTaskQuery().processInstanceId(cocofInstance).singleResult().getId();
        assertThat(send(Attack.get("/engine-rest/process-instance/" + cocofInstance + "/variables", assigned))
                .statusCode()).as("the cleared evaluator reads the case").isEqualTo(200);
        assertThat(send(Attack.get("/staff/cases/" + reference, assigned)).body()).contains(summary);

        // once cleared, still theirs alone, and their other cases stay closed
        refused(Attack.get("/engine-rest/process-instance/" + cocofInstance + "/variables", other), 403, 404);
        answersNothing(Attack.get("/engine-rest/history/process-instance?maxResults=10&processInstanceId="
                + cocofInstance, other));
        refused(Attack.json("POST", "/engine-rest/task/" + evaluation + "/complete", other, "{}"), 403, 404, 500);
        refused(Attack.json("POST", "/engine-rest/task/" + evaluation + "/assignee", assigned,
                "{\"userId\":\"" + other + "\"}"), 400, 403, 500);
        refused(Attack.json("POST", "/engine-rest/task/" + evaluation + "/unclaim", assigned, null), 400, 403, 500);
        refused(Attack.get("/engine-rest/process-instance/" + cocomInstance + "/variables", assigned), 403, 404);
        refused(Attack.get("/engine-rest/task/" + cocomTask, assigned), 403, 404);
        refused(Attack.get("/staff/cases/" + cocomCase, assigned), 404);
    }

    @Test
    void managersReadButNeverAct() throws Exception {
        assertThat(send(Attack.get("/engine-rest/task?maxResults=10&processInstanceBusinessKey=" + cocomCase,
                "attack-manager")).statusCode()).isEqualTo(200);
        refused(Attack.json("POST", "/engine-rest/task/" + cocomTask + "/claim", "attack-manager",
                "{\"userId\":\"attack-manager\"}"), 403);
        refused(Attack.json("POST", "/engine-rest/task/" + cocofTask + "/complete", "attack-manager", "{}"), 403, 500);
        refused(new Attack("DELETE", "/engine-rest/process-instance/" + cocofInstance, "attack-manager", null, null,
                Map.of()), 403);
        refused(Attack.json("PUT", "/engine-rest/process-instance/" + cocofInstance + "/suspended", "attack-manager",
                "{\"suspended\":true}"), 403);
        refused(Attack.json("POST", "/engine-rest/process-instance/" + cocofInstance + "/variables", "attack-manager",
                "{\"modifications\":{\"x\":{\"value\":1}}}"), 403);
    }

    @Test
    void queriesCarryingExpressionsAreRefusedWhereverTheExpressionHides() throws Exception {
        refused(Attack.get("/engine-rest/task?maxResults=10&assigneeExpression=" + enc("${currentUser()}"),
                "attack-cocof"), 400);
        refused(Attack.get("/engine-rest/task?maxResults=10&candidateUserExpression="
                + enc("#{''.getClass().forName('java.lang.Runtime')}"), "attack-cocof"), 400);
        refused(Attack.get("/engine-rest/task?maxResults=10&" + enc("${x}") + "=1", "attack-cocof"), 400);
        refused(Attack.json("POST", "/engine-rest/task?maxResults=10", "attack-cocof",
                "{\"assigneeExpression\":\"${currentUser()}\"}"), 400);
        refused(Attack.json("POST", "/engine-rest/task?maxResults=10", "attack-cocof",
                "{\"orQueries\":[{\"candidateGroupExpression\":\"${''.getClass().forName('java.lang.Runtime')"
                        + ".getRuntime().exec('id')}\"}]}"), 400);
        refused(Attack.json("POST", "/engine-rest/task/count", "attack-cocof",
                "{\"orQueries\":[{\"assigneeExpression\":\"\\u0024{currentUser()}\"}]}"), 400);
        refused(Attack.json("POST", "/engine-rest/task?maxResults=10", "attack-cocof",
                "{\"processVariables\":[{\"name\":\"${x}\",\"operator\":\"eq\",\"value\":\"1\"}]}"), 400);
        refused(Attack.json("POST", "/engine-rest/filter/create", "attack-cocof",
                "{\"resourceType\":\"Task\",\"name\":\"mine\",\"query\":{\"assigneeExpression\":\"${currentUser()}\"}}"),
                400);
        refused(Attack.json("PUT", "/engine-rest/filter/" + filterId, "attack-admin",
                "{\"resourceType\":\"Task\",\"name\":\"x\",\"query\":{\"candidateGroupExpression\":\"#{1+1}\"}}"), 400);
        refused(Attack.json("POST", "/engine-rest/filter/" + filterId + "/list?maxResults=10", "attack-cocof",
                "{\"orQueries\":[{\"assigneeExpression\":\"${currentUser()}\"}]}"), 400);
        refused(Attack.json("POST", "/camunda/api/engine/engine/default/task?maxResults=10", null,
                "{\"assigneeExpression\":\"${currentUser()}\"}"), 400);
        // the engine's own lock, behind the filter: an administrator's stored filter cannot carry one either
        refused(Attack.json("POST", "/engine-rest/filter/create", "attack-admin",
                "{\"resourceType\":\"Task\",\"name\":\"x\",\"query\":{\"assignee\":\"$ {currentUser()}\"}}"), 400, 200);
    }

    /** Behind the filter, the engine's own lock: it evaluates no expression in an ad-hoc or a stored task query. */
    @Test
    void theEngineItselfEvaluatesNoExpressionInQueries() {
        org.camunda.bpm.engine.FilterService filters = org.camunda.bpm.engine.ProcessEngines.getDefaultProcessEngine()
                .getFilterService();
        Map<String, String> before = fingerprint();
        assertThatThrownBy(() -> tasks.createTaskQuery().taskAssigneeExpression("${'x'}").listPage(0, 10))
                .hasMessageContaining("Expressions are forbidden in adhoc queries");
        org.camunda.bpm.engine.filter.Filter stored = filters.newTaskFilter("attack-stored-expression")
                .setQuery(tasks.createTaskQuery().taskCandidateGroupExpression("${'staff-cocof'}"));
        assertThatThrownBy(() -> filters.saveFilter(stored))
                .hasMessageContaining("Expressions are forbidden in stored queries");
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void queriesAreBounded() throws Exception {
        refused(Attack.get("/engine-rest/task?maxResults=1000000", "attack-cocof"), 400);
        refused(Attack.get("/engine-rest/task", "attack-cocof"), 400);
        refused(Attack.get("/engine-rest/history/task?maxResults=1000000", "attack-manager"), 400);
        refused(Attack.json("POST", "/engine-rest/task", "attack-cocof",
                "{\"orQueries\":[{\"name\":\"" + "x".repeat(300_000) + "\"}]}"), 413);
    }

    @Test
    void javaSerializedVariablesAreRefusedEvenToAnAdministrator() throws Exception {
        String serialized = Base64.getEncoder().encodeToString(serializedObject());
        refused(Attack.json("POST", "/engine-rest/process-instance/" + cocofInstance + "/variables", "attack-admin",
                "{\"modifications\":{\"payload\":{\"value\":\"" + serialized + "\",\"type\":\"Object\","
                        + "\"valueInfo\":{\"objectTypeName\":\"java.util.HashMap\","
                        + "\"serializationDataFormat\":\"application/x-java-serialized-object\"}}}}"), 400, 500);
        refused(Attack.json("POST", "/engine-rest/task/" + cocofTask + "/localVariables/payload", "attack-admin",
                "{\"value\":\"" + serialized + "\",\"type\":\"Object\",\"valueInfo\":{\"objectTypeName\":"
                        + "\"java.util.HashMap\",\"serializationDataFormat\":\"application/x-java-serialized-object\"}}"),
                400, 404, 405, 500);
    }

    private static byte[] serializedObject() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(new java.util.HashMap<>(Map.of("a", "b")));
        }
        return bytes.toByteArray();
    }

    static final String SCRIPT_TASK = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t" id="d">
              <bpmn:process id="Evil" isExecutable="true" camunda:historyTimeToLive="P1D">
                <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
                <bpmn:scriptTask id="t" scriptFormat="javascript"><bpmn:script>java.lang.Runtime.getRuntime()</bpmn:script></bpmn:scriptTask>
              </bpmn:process>
            </bpmn:definitions>
            """;

    static final String SCRIPT_LISTENER = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t" id="d">
              <bpmn:process id="Sneaky" isExecutable="true" camunda:historyTimeToLive="P1D">
                <bpmn:startEvent id="s"><bpmn:extensionElements><camunda:executionListener event="start">
                  <camunda:script scriptFormat="groovy">'id'.execute()</camunda:script>
                </camunda:executionListener></bpmn:extensionElements></bpmn:startEvent>
              </bpmn:process>
            </bpmn:definitions>
            """;

    static final String EXTERNAL_ENTITY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE d [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t" id="d">
              <bpmn:process id="Leaky" name="&secret;" isExecutable="true" camunda:historyTimeToLive="P1D">
                <bpmn:startEvent id="s"/>
              </bpmn:process>
            </bpmn:definitions>
            """;

    Attack deployment(String user, String name, String bpmn) {
        String boundary = "attack" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nattack\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + name
                + "\"\r\nContent-Type: application/xml\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
        return new Attack("POST", "/engine-rest/deployment/create", user, "multipart/form-data; boundary=" + boundary,
                body, Map.of());
    }

    @Test
    void onlyAdministratorsDeployAndNotEvenTheyScriptsOrExternalEntities() throws Exception {
        refused(deployment("attack-cocof", "evil.bpmn", SCRIPT_TASK), 403);
        refused(deployment("attack-manager", "evil.bpmn", SCRIPT_TASK), 403);
        refused(deployment("attack-admin", "evil.bpmn", SCRIPT_TASK), 400);
        refused(deployment("attack-admin", "sneaky.bpmn", SCRIPT_LISTENER), 400);
        refused(deployment("attack-cocof", "leaky.bpmn", EXTERNAL_ENTITY), 403);
        HttpResponse<String> leaky = refused(deployment("attack-admin", "leaky.bpmn", EXTERNAL_ENTITY), 400);
        assertThat(leaky.body()).doesNotContain("root:");
    }

    /** A webapp session as a browser gets it: the login page's cookies, then the login with its CSRF header. */
    record Session(String cookies, String csrf, int status) {
    }

    Session webappLogin(String user, String password) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/camunda/app/tasklist/default/")).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> cookies = new LinkedHashMap<>();
        page.headers().allValues("Set-Cookie").forEach(c -> cookies.put(c.substring(0, c.indexOf('=')),
                c.substring(c.indexOf('=') + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))));
        String csrf = page.headers().firstValue("X-XSRF-TOKEN").orElse(cookies.get("XSRF-TOKEN"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/camunda/api/admin/auth/user/default/login/tasklist"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookie(cookies)).header("X-XSRF-TOKEN", String.valueOf(csrf))
                .POST(HttpRequest.BodyPublishers.ofString("username=" + enc(user) + "&password=" + enc(password)))
                .build(), HttpResponse.BodyHandlers.ofString());
        response.headers().allValues("Set-Cookie").forEach(c -> cookies.put(c.substring(0, c.indexOf('=')),
                c.substring(c.indexOf('=') + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))));
        if (response.statusCode() == 200) {
            // the login starts a new session: its token comes with the next page, as the browser gets it
            HttpResponse<String> next = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/camunda/app/tasklist/default/")).header("Cookie", cookie(cookies)).build(),
                    HttpResponse.BodyHandlers.ofString());
            next.headers().allValues("Set-Cookie").forEach(c -> cookies.put(c.substring(0, c.indexOf('=')),
                    c.substring(c.indexOf('=') + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))));
            csrf = next.headers().firstValue("X-XSRF-TOKEN").orElse(cookies.get("XSRF-TOKEN"));
        }
        return new Session(cookie(cookies), csrf, response.statusCode());
    }

    private static String cookie(Map<String, String> cookies) {
        return cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
    }

    @Test
    void bruteForceLocksTheWebappLoginAndWritesWithoutTheCsrfTokenAreRefused() throws Exception {
        assertThat(webappLogin("attack-cocof", PASSWORD).status()).as("a right password opens a session").isEqualTo(200);
        assertThat(webappLogin("attack-brute", "Wrong-password").status()).isEqualTo(401);
        for (int i = 0; i < 12; i++) {
            webappLogin("attack-brute", "Wrong-password-" + i);
        }
        assertThat(webappLogin("attack-brute", PASSWORD).status()).as("locked after repeated failures").isEqualTo(401);

        Session session = webappLogin("attack-cocof", PASSWORD);
        assertThat(session.status()).isEqualTo(200);
        String claim = "/camunda/api/engine/engine/default/task/" + cocofTask + "/claim";
        refused(new Attack("POST", claim, null, "application/json", "{\"userId\":\"attack-cocof\"}",
                Map.of("Cookie", session.cookies())), 403);
        // a refused token also ends the session (Camunda's choice): each attempt gets a fresh one
        Session another = webappLogin("attack-cocof", PASSWORD);
        refused(new Attack("POST", claim, null, "application/json", "{\"userId\":\"attack-cocof\"}",
                Map.of("Cookie", another.cookies(), "X-XSRF-TOKEN", "forged")), 403);
        // the same request with the session's token goes through: the refusals above were the CSRF check's
        Session valid = webappLogin("attack-cocof", PASSWORD);
        assertThat(send(new Attack("POST", claim, null, "application/json", "{\"userId\":\"attack-cocof\"}",
                Map.of("Cookie", valid.cookies(), "X-XSRF-TOKEN", valid.csrf()))).statusCode()).isEqualTo(204);
    }

    /**
     * Tasklist frames the case in every staff form, and the frame has no Basic credentials: a signed-in webapp session
     * reads our staff pages, those of its own administration only, and never writes with them.
     */
    @Test
    void aTasklistSessionReadsItsAdministrationsCasesAndWritesNothing() throws Exception {
        Session session = webappLogin("attack-cocof", PASSWORD);
        Map<String, String> cookie = Map.of("Cookie", session.cookies());
        HttpResponse<String> framed = send(new Attack("GET", "/staff/cases/" + cocofCase + "/embedded", null, null,
                null, cookie));
        assertThat(framed.statusCode()).isEqualTo(200);
        assertThat(framed.body()).contains(cocofCase, "statuts.pdf", "STAGE1_SUBMITTED");
        assertThat(framed.headers().allValues("Set-Cookie")).as("the Tasklist session is left as it is").isEmpty();
        assertThat(send(new Attack("GET", "/camunda/api/engine/engine/default/task?maxResults=1", null, null, null,
                cookie)).statusCode()).as("Tasklist still signed in").isEqualTo(200);
        assertThat(send(new Attack("GET", "/api/applications/" + cocofCase + "/documents", null, null, null, cookie))
                .statusCode()).as("the documents the frame links to").isEqualTo(200);

        refused(new Attack("GET", "/staff/cases/" + cocomCase + "/embedded", null, null, null, cookie), 404);
        refused(new Attack("GET", "/staff/cases/" + cocomCase, null, null, null, cookie), 404);
        HttpResponse<String> write = refused(new Attack("POST", "/staff/outbox/1/retry", null, null, null, cookie), 401);
        assertThat(write.headers().firstValue("WWW-Authenticate")).as("writes still need Basic credentials")
                .hasValue("Basic realm=\"subside\"");
        refused(new Attack("DELETE", "/api/documents/1", null, null, null, cookie), 401);
        HttpResponse<String> signedOut = refused(Attack.get("/staff/cases/" + cocofCase + "/embedded", null), 401);
        assertThat(signedOut.headers().firstValue("WWW-Authenticate")).as("no password prompt inside Tasklist")
                .isEmpty();
    }

    /**
     * The committee saves its selection from the page its task form frames, where the browser holds only the Tasklist
     * sign-in: that session writes the selection with the page's token, and nothing without it, from another site,
     * with another member's token, or as staff who are not on the committee.
     */
    @Test
    void aTasklistSessionWritesTheCommitteesSelectionOnlyWithThePagesToken() throws Exception {
        user("attack-committee", "committee");
        user("attack-committee2", "committee");
        Call call = fixtures.openCall(new java.math.BigDecimal("100000"));
        Organisation lead = fixtures.organisation(Administration.COCOF);
        List<String> cases = fixtures.evaluatedInBulk(call, List.of(
                new Fixtures.Evaluated(lead, 80, new java.math.BigDecimal("60000")),
                new Fixtures.Evaluated(lead, 70, new java.math.BigDecimal("30000"))));
        fixtures.passStage1Deadline(call);
        fixtures.claimSelection(call, "attack-committee");
        String page = "/staff/calls/" + call.getCode() + "/selection/embedded";

        Session session = webappLogin("attack-committee", PASSWORD);
        Map<String, String> cookie = Map.of("Cookie", session.cookies());
        HttpResponse<String> framed = send(new Attack("GET", page, null, null, null, cookie));
        assertThat(framed.statusCode()).isEqualTo(200);
        assertThat(framed.headers().allValues("Set-Cookie")).as("the Tasklist session is left as it is").isEmpty();
        java.util.regex.Matcher found = java.util.regex.Pattern.compile("name=\"_token\" value=\"([^\"]+)\"")
                .matcher(framed.body());
        assertThat(found.find()).isTrue();
        String token = found.group(1);
        String form = "application/x-www-form-urlencoded";
        String body = "revision=1&selected=" + enc(cases.get(1)) + "&_token=";

        refused(new Attack("POST", page, null, form, "revision=1&selected=" + enc(cases.get(1)), cookie), 403);
        refused(new Attack("POST", page, null, form, body + "forged", cookie), 403);
        String othersToken = send(new Attack("GET", page, null, null, null, Map.of("Cookie",
                webappLogin("attack-committee2", PASSWORD).cookies()))).body().replaceAll(
                "(?s).*name=\"_token\" value=\"([^\"]+)\".*", "$1");
        assertThat(othersToken).isNotEqualTo(token).hasSizeLessThan(100);
        refused(new Attack("POST", page, null, form, body + enc(othersToken), cookie), 403);
        refused(new Attack("POST", page, null, form, body + enc(token), Map.of("Cookie", session.cookies(),
                "Sec-Fetch-Site", "cross-site")), 403);
        refused(new Attack("POST", page, null, form, body + enc(token), Map.of("Cookie", session.cookies(),
                "Origin", "https://evil.example")), 403);
        refused(new Attack("POST", page, null, form, body + enc(token), Map.of()), 401);
        Session cocof = webappLogin("attack-cocof", PASSWORD);
        refused(new Attack("GET", page, null, null, null, Map.of("Cookie", cocof.cookies())), 404);
        refused(new Attack("POST", page, null, form, body + enc(token), Map.of("Cookie", cocof.cookies())), 403, 404);
        // the other pages of ours still take no write from a session
        refused(new Attack("POST", "/staff/outbox/1/retry", null, null, null, cookie), 401);

        HttpResponse<String> saved = send(new Attack("POST", page, null, form, body + enc(token), Map.of("Cookie",
                session.cookies(), "Sec-Fetch-Site", "same-origin", "Origin", "http://localhost:" + port)));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        assertThat(saved.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(
                page + "?saved"));
        assertThat(jdbc.queryForObject("select saved_by || ' ' || revision from selection_draft where call_id = ?",
                String.class, call.getId())).isEqualTo("attack-committee 2");
    }

    @Test
    void anApplicantsPortalSessionOpensNothingOnTheCamundaSide() throws Exception {
        Organisation organisation = fixtures.organisation(Administration.COCOF);
        fixtures.account(organisation);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String login = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/portal/login"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
        assertThat(token.find()).isTrue();
        browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/portal/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=" + enc(Fixtures.user(organisation)) + "&password="
                        + enc(Fixtures.PASSWORD) + "&_csrf=" + enc(token.group(1)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/portal")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        Map<String, String> before = fingerprint();
        for (String path : List.of("/engine-rest/task?maxResults=10", "/camunda/api/engine/engine/default/task?maxResults=10",
                "/camunda/api/admin/auth/user/default")) {
            HttpResponse<String> response = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isIn(401, 403, 404);
        }
        assertThat(webappLogin(Fixtures.user(organisation), Fixtures.PASSWORD).status())
                .as("no Camunda login for applicants").isEqualTo(401);
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void theWebappsSendTheirSecurityHeadersAndASecureCsrfCookie() throws Exception {
        HttpResponse<String> page = send(Attack.get("/camunda/app/tasklist/default/", null));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'")
                // frames of this origin only (default-src), as the case framed in the task forms needs
                .contains("default-src 'self'").doesNotContain("frame-src", "child-src");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValueSatisfying(v -> assertThat(v).isIn("DENY",
                "SAMEORIGIN"));
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
        assertThat(page.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("XSRF-TOKEN="))
                .singleElement().satisfies(c -> assertThat(c).contains("Secure", "SameSite"));
        // HSTS only over TLS: none on this plain-http test server (the postgres profile turns Camunda's on)
        assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    /**
     * Of our pages, only the case and the call's selection as Tasklist frames them may be framed, and only by this
     * origin; every other staff page, API answer and portal page by nobody (both headers: CSP frame-ancestors,
     * X-Frame-Options for older browsers). The framed case posts nothing; the framed selection posts to this origin.
     */
    @Test
    void onlyTheEmbeddedPagesMayBeFramedAndOnlyByThisOrigin() throws Exception {
        user("attack-committee", "committee");
        Call call = fixtures.openCall();
        HttpResponse<String> selection = send(Attack.get("/staff/calls/" + call.getCode() + "/selection/embedded",
                "attack-committee"));
        assertThat(selection.statusCode()).isEqualTo(200);
        assertThat(selection.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
        assertThat(selection.headers().allValues("Content-Security-Policy")).singleElement().asString()
                .contains("frame-ancestors 'self'", "script-src 'none'", "object-src 'none'", "form-action 'self'")
                .doesNotContain("frame-ancestors 'none'", "*");
        HttpResponse<String> unknown = send(Attack.get("/staff/calls/NO-SUCH-CALL/selection/embedded",
                "attack-committee"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("X-Frame-Options")).as("its refusal shows in the frame too")
                .hasValue("SAMEORIGIN");
        HttpResponse<String> whole = send(Attack.get("/staff/calls/" + call.getCode() + "/selection",
                "attack-committee"));
        assertThat(whole.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(whole.headers().allValues("Content-Security-Policy")).singleElement().asString()
                .contains("frame-ancestors 'none'");

        HttpResponse<String> embedded = send(Attack.get("/staff/cases/" + cocofCase + "/embedded", "attack-cocof"));
        assertThat(embedded.statusCode()).isEqualTo(200);
        assertThat(embedded.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
        assertThat(embedded.headers().allValues("Content-Security-Policy")).singleElement().asString()
                .contains("frame-ancestors 'self'", "script-src 'none'", "object-src 'none'", "form-action 'none'")
                .doesNotContain("frame-ancestors 'none'", "*");
        for (Attack other : List.of(Attack.get("/staff/cases/" + cocofCase, "attack-cocof"),
                Attack.get("/staff/cases/" + cocofCase + "/documents", "attack-cocof"),
                Attack.get("/staff/outbox", "attack-cocof"),
                Attack.get("/api/applications/" + cocofCase + "/documents", "attack-cocof"),
                Attack.get("/portal/login", null), Attack.get("/portal", null))) {
            HttpResponse<String> response = send(other);
            assertThat(response.headers().firstValue("X-Frame-Options")).as(other.path()).hasValue("DENY");
            assertThat(response.headers().allValues("Content-Security-Policy")).as(other.path()).singleElement()
                    .asString().contains("frame-ancestors 'none'").doesNotContain("frame-ancestors 'self'");
        }
    }

    static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
