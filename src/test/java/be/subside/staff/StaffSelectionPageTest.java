package be.subside.staff;

import static org.assertj.core.api.Assertions.*;

import be.subside.BasicAuth;
import be.subside.Fixtures;
import be.subside.IntegrationTest;
import be.subside.StaffUsers;
import be.subside.call.Administration;
import be.subside.call.Call;
import be.subside.call.CallState;
import be.subside.call.CallService;
import be.subside.identity.Language;
import be.subside.identity.LegalForm;
import be.subside.identity.Organisation;
import be.subside.identity.OrganisationService;
import java.math.BigDecimal;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.util.HtmlUtils;

/**
 * The committee's ranking and selection page over HTTP (Basic credentials, as an API client or a browser sends them):
 * the ranking's order and figures, saving a selection, every refusal with its error and nothing changed, the task's
 * stale confirmation, the page after the decision, and who may see it at all.
 */
@IntegrationTest
class StaffSelectionPageTest {

    static final String PASSWORD = "Selection-page-password-1";
    static final String COMMITTEE = "sel-committee";
    static final String IMG = "<img src=x onerror=alert(1)>";
    static final String MARKDOWN = "**gras** [lien](https://evil.example/x)";
    static final String ORGANISATION = "ASBL " + IMG + " " + MARKDOWN;
    static final String TITLE = "Projet \"><script>alert(2)</script>";
    static final Pattern ROW = Pattern.compile("<tr[^>]*data-reference=\"([^\"]+)\"[^>]*>(.*?)</tr>", Pattern.DOTALL);

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    IdentityService identity;
    @Autowired
    OrganisationService organisations;
    @Autowired
    CallService calls;
    @Autowired
    JdbcTemplate jdbc;

    final HttpClient http = HttpClient.newHttpClient();
    Call call;
    /** By rank: 90 (120,000 EUR), 80 (100,000), 70 (50,000), 60 (40,000); the envelope is 200,000 EUR. */
    List<String> ranked;
    String page;

    @BeforeEach
    void evaluatedCall() {
        StaffUsers.ensure(identity, COMMITTEE, "committee", PASSWORD);
        StaffUsers.ensure(identity, "sel-cocof", "staff-cocof", PASSWORD);
        StaffUsers.ensure(identity, "sel-manager", "managers", PASSWORD);
        StaffUsers.ensure(identity, Fixtures.EVALUATOR, "evaluators", Fixtures.EVALUATOR_PASSWORD);
        call = fixtures.openCall(new BigDecimal("200000"));
        Organisation payload = organisations.register(new Organisation(ORGANISATION, LegalForm.ASBL_VZW,
                Fixtures.enterpriseNumber(3_000_000 + (int) (System.nanoTime() % 1_000_000)), "Rue de la Loi 1", "1040",
                "Etterbeek", Administration.COCOF, Language.FR, "payload@test.example"), "payload@test.example");
        Organisation other = fixtures.organisation(Administration.COCOM);
        List<String> references = fixtures.evaluatedInBulk(call, List.of(
                new Fixtures.Evaluated(other, 70, new BigDecimal("50000")),
                new Fixtures.Evaluated(payload, 90, new BigDecimal("120000"), TITLE),
                new Fixtures.Evaluated(other, 60, new BigDecimal("40000")),
                new Fixtures.Evaluated(other, 80, new BigDecimal("100000"))));
        ranked = List.of(references.get(1), references.get(3), references.get(0), references.get(2));
        fixtures.passStage1Deadline(call);
        fixtures.claimSelection(call, COMMITTEE);
        page = "/staff/calls/" + call.getCode() + "/selection";
    }

    HttpResponse<String> get(String path, String user, String password) throws Exception {
        return http.send(BasicAuth.request(port, path, user, password).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return get(path, COMMITTEE, PASSWORD);
    }

    HttpResponse<String> post(String path, String user, String password, List<String> form) throws Exception {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < form.size(); i += 2) {
            pairs.add(enc(form.get(i)) + "=" + enc(form.get(i + 1)));
        }
        return http.send(BasicAuth.request(port, path, user, password)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The committee's save, with the page's token and revision unless the test overrides them. */
    HttpResponse<String> save(List<String> selected) throws Exception {
        String body = get(page).body();
        List<String> form = new ArrayList<>(List.of("_token", token(body), "revision", revision(body), "action", "save"));
        selected.forEach(r -> form.addAll(List.of("selected", r)));
        return post(page, COMMITTEE, PASSWORD, form);
    }

    static String token(String html) {
        return find(html, "name=\"_token\" value=\"([^\"]+)\"");
    }

    static String revision(String html) {
        return find(html, "name=\"revision\" value=\"([^\"]+)\"");
    }

    static String find(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        assertThat(m.find()).as("%s in the page", regex).isTrue();
        return m.group(1);
    }

    /** Each ranked line's cells as text, by reference, in page order. */
    static Map<String, List<String>> rows(String html) {
        Map<String, List<String>> rows = new java.util.LinkedHashMap<>();
        Matcher m = ROW.matcher(html);
        while (m.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL).matcher(m.group(2));
            while (cell.find()) {
                cells.add(HtmlUtils.htmlUnescape(cell.group(1).replaceAll("<[^>]+>", "")).strip());
            }
            cells.add(m.group(2).contains("checked") ? "checked" : "unchecked");
            rows.put(m.group(1), cells);
        }
        return rows;
    }

    /** What a refused request must leave as it was: the draft, its cases, the call's audit trail and decisions. */
    String snapshot() {
        return jdbc.queryForList("select revision || ' ' || saved_by from selection_draft where call_id = ?",
                String.class, call.getId()) + " "
                + jdbc.queryForList("select application_id from selection_draft_application where call_id = ?"
                        + " order by application_id", Long.class, call.getId()) + " "
                + jdbc.queryForList("select type || ' ' || coalesce(detail, '') from audit_event where call_id = ?"
                        + " order by id", String.class, call.getId()) + " "
                + jdbc.queryForList("select a.reference || ' ' || a.state || ' ' || count(d.id) from application a"
                        + " left join case_decision d on d.application_id = a.id where a.call_id = ?"
                        + " group by a.reference, a.state order by a.reference", String.class, call.getId());
    }

    @Test
    void theRankingWithItsFiguresAndTheApplicantsTextShownAsText() throws Exception {
        HttpResponse<String> response = get(page);
        assertThat(response.statusCode()).isEqualTo(200);
        String html = response.body();
        Map<String, List<String>> rows = rows(html);
        assertThat(rows.keySet()).containsExactlyElementsOf(ranked);
        // rank, selection, reference, organisation, title, score, amount, proposal, running total of the selection
        assertThat(rows.get(ranked.get(0))).containsExactly("1", "", ranked.get(0), ORGANISATION, TITLE, "90",
                "120 000,00", "dans l'enveloppe / binnen de enveloppe", "120 000,00", "checked");
        assertThat(rows.get(ranked.get(1))).containsExactly("2", "", ranked.get(1), rows.get(ranked.get(1)).get(3),
                "Projet mutualisé " + ranked.get(1), "80", "100 000,00", "hors enveloppe / buiten de enveloppe", "",
                "unchecked");
        assertThat(rows.get(ranked.get(2))).containsSubsequence("3", "70", "50 000,00",
                "dans l'enveloppe / binnen de enveloppe", "170 000,00", "checked");
        assertThat(rows.get(ranked.get(3))).containsSubsequence("4", "60", "40 000,00",
                "hors enveloppe / buiten de enveloppe", "", "unchecked");
        assertThat(html).contains("200 000,00 EUR", "30 000,00 EUR", "révision / revisie 1, " + COMMITTEE,
                "id=\"confirm-count\">2<", "id=\"confirm-total\">170000.00<");

        // the applicant's organisation and title, escaped: no element, no Markdown, no script
        assertThat(html).contains("ASBL &lt;img src=x onerror=alert(1)&gt; **gras** [lien](https://evil.example/x)",
                "Projet &quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;")
                .doesNotContain("<img src=x", "<script>alert(", "href=\"https://evil.example");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");

        HttpResponse<String> embedded = get(page + "/embedded");
        assertThat(embedded.statusCode()).isEqualTo(200);
        assertThat(embedded.body()).contains("embedded", "action=\"" + page + "/embedded\"", "target=\"_blank\"")
                .doesNotContain("<img src=x", "<script>alert(");
        assertThat(rows(embedded.body()).keySet()).containsExactlyElementsOf(ranked);
        assertThat(embedded.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
        assertThat(embedded.headers().allValues("Content-Security-Policy")).singleElement().asString()
                .contains("frame-ancestors 'self'", "form-action 'self'", "script-src 'none'");
    }

    @Test
    void theCommitteeSavesItsSelectionWhichTheAuditTrailRecords() throws Exception {
        HttpResponse<String> saved = save(List.of(ranked.get(1), ranked.get(2), ranked.get(3)));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(saved.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(page + "?saved"));

        String html = get(page + "?saved").body();
        assertThat(html).contains("Sélection enregistrée (révision 2)", "id=\"confirm-count\">3<",
                "id=\"confirm-total\">190000.00<", "10 000,00 EUR");
        Map<String, List<String>> rows = rows(html);
        assertThat(rows.values()).extracting(r -> r.get(r.size() - 1)).containsExactly("unchecked", "checked", "checked",
                "checked");
        assertThat(rows.get(ranked.get(3)).get(8)).isEqualTo("190 000,00");
        assertThat(jdbc.queryForList("select actor || ' ' || detail from audit_event where call_id = ?"
                + " and type = 'SELECTION_DRAFT_SAVED'", String.class, call.getId())).singleElement().asString()
                .startsWith(COMMITTEE + " revision 2: 3 of 4 selected, 190000.00 EUR of 200000.00 EUR")
                .contains("added " + ranked.get(1) + ", " + ranked.get(3), "removed " + ranked.get(0));

        // the proposal button starts over from the ranking's proposal
        String body = get(page).body();
        assertThat(post(page, COMMITTEE, PASSWORD, List.of("_token", token(body), "revision", revision(body), "action",
                "proposal")).statusCode()).isEqualTo(302);
        assertThat(rows(get(page).body()).values()).extracting(r -> r.get(r.size() - 1))
                .containsExactly("checked", "unchecked", "checked", "unchecked");
    }

    @Test
    void refusedSavesSayWhyAndChangeNothing() throws Exception {
        String before = snapshot();
        String html = get(page).body();
        String token = token(html);

        HttpResponse<String> over = save(List.of(ranked.get(0), ranked.get(1)));
        assertThat(over.statusCode()).isEqualTo(422);
        assertThat(over.body()).contains("role=\"alert\"", "La sélection dépasse l&#39;enveloppe de l&#39;appel.",
                "De selectie overschrijdt de enveloppe van de oproep.", "Sélection demandée (non enregistrée)",
                "220 000,00 — dépasse l&#39;enveloppe", "-20 000,00 EUR");
        assertThat(rows(over.body()).values()).extracting(r -> r.get(r.size() - 1))
                .as("what was asked is shown, to correct it").containsExactly("checked", "checked", "unchecked",
                        "unchecked");
        assertThat(snapshot()).isEqualTo(before);

        HttpResponse<String> unknown = save(List.of(ranked.get(2), "ANM-1999-0001"));
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("Un dossier sélectionné n&#39;existe pas dans cet appel.",
                "Een geselecteerd dossier bestaat niet in deze oproep.").doesNotContain("ANM-1999-0001\"");
        HttpResponse<String> duplicate = save(List.of(ranked.get(2), ranked.get(2)));
        assertThat(duplicate.statusCode()).isEqualTo(422);
        assertThat(duplicate.body()).contains("Un dossier est sélectionné deux fois.");
        HttpResponse<String> script = save(List.of("<script>alert(3)</script>"));
        assertThat(script.statusCode()).isEqualTo(422);
        assertThat(script.body()).doesNotContain("<script>alert(3)");
        assertThat(snapshot()).isEqualTo(before);

        // tampered or stale revision, missing or foreign token
        HttpResponse<String> tampered = post(page, COMMITTEE, PASSWORD, List.of("_token", token, "revision", "1 or 1=1",
                "selected", ranked.get(2)));
        assertThat(tampered.statusCode()).isEqualTo(422);
        assertThat(tampered.body()).contains("rechargez-la");
        HttpResponse<String> stale = post(page, COMMITTEE, PASSWORD, List.of("_token", token, "revision", "0",
                "selected", ranked.get(2)));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("La sélection a été enregistrée entre-temps",
                "De selectie werd intussen opgeslagen");
        assertThat(post(page, COMMITTEE, PASSWORD, List.of("revision", "1", "selected", ranked.get(2))).statusCode())
                .as("no token").isEqualTo(403);
        // the token of another committee member is not this member's
        StaffUsers.ensure(identity, "sel-committee2", "committee", PASSWORD);
        String foreign = token(get(page, "sel-committee2", PASSWORD).body());
        assertThat(foreign).isNotEqualTo(token);
        HttpResponse<String> wrongToken = post(page, COMMITTEE, PASSWORD, List.of("_token", foreign, "revision", "1",
                "selected", ranked.get(2)));
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(wrongToken.body()).contains("jeton absent ou erroné", "token ontbreekt of is fout");
        HttpResponse<String> crossSite = http.send(BasicAuth.request(port, page, COMMITTEE, PASSWORD)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("_token=" + enc(token) + "&revision=1&selected="
                        + enc(ranked.get(2)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(crossSite.statusCode()).as("from another site").isEqualTo(403);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void theTaskRefusesAStaleConfirmationThenDecidesAndThePageNoLongerChanges() throws Exception {
        assertThat(save(List.of(ranked.get(1), ranked.get(2), ranked.get(3))).statusCode()).isEqualTo(302);
        String token = token(get(page).body());
        String task = fixtures.selectionTask(call).getId();
        String before = snapshot();

        // the form still says what the proposal was (2 cases, 170,000 EUR): refused, naming the field
        HttpResponse<String> stale = http.send(BasicAuth.request(port, "/engine-rest/task/" + task + "/submit-form",
                COMMITTEE, PASSWORD).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                """
                {"variables": {"selectionCount": {"value": 2, "type": "Integer"},
                 "selectionTotal": {"value": 170000, "type": "Double"},
                 "selectionMotivation": {"value": "%s", "type": "String"}}}
                """.formatted(Fixtures.SELECTION_MOTIVATION))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stale.statusCode()).isEqualTo(500);
        assertThat(stale.body()).contains("selectionCount", "la sélection enregistrée en compte 3",
                "de opgeslagen selectie telt er 3");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(calls.get(call.getCode()).getState()).isEqualTo(CallState.STAGE1_CLOSED);

        HttpResponse<String> decided = http.send(BasicAuth.request(port, "/engine-rest/task/" + task + "/submit-form",
                COMMITTEE, PASSWORD).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                """
                {"variables": {"selectionCount": {"value": 3, "type": "Integer"},
                 "selectionTotal": {"value": 190000.0, "type": "Double"},
                 "selectionMotivation": {"value": "%s", "type": "String"}}}
                """.formatted(Fixtures.SELECTION_MOTIVATION))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(decided.statusCode()).as(decided.body()).isIn(200, 204);
        assertThat(calls.get(call.getCode()).getState()).isEqualTo(CallState.SELECTION_DONE);
        assertThat(jdbc.queryForList("select a.reference from application a where a.call_id = ? and a.state = 'SELECTED'"
                + " order by a.reference", String.class, call.getId()))
                .containsExactlyElementsOf(List.of(ranked.get(1), ranked.get(2), ranked.get(3)).stream().sorted().toList());

        // decided: shown as decided, no form, and a save is refused with nothing changed
        String html = get(page).body();
        assertThat(html).contains("Sélection décidée par " + COMMITTEE + " (", "Selectie beslist").doesNotContain(
                "name=\"_token\"", "Enregistrer la sélection");
        assertThat(rows(html).values()).extracting(r -> r.get(r.size() - 1)).containsExactly("unchecked", "checked",
                "checked", "checked");
        String afterDecision = snapshot();
        HttpResponse<String> late = post(page, COMMITTEE, PASSWORD, List.of("_token", token, "revision", "2",
                "selected", ranked.get(0)));
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.body()).contains("La sélection n&#39;est pas possible dans l&#39;état actuel de l&#39;appel.");
        assertThat(snapshot()).isEqualTo(afterDecision);
    }

    @Test
    void onlyTheCommitteeMayUseThePageManagersReadItAndNobodyElseLearnsAnything() throws Exception {
        String before = snapshot();
        String token = token(get(page).body());
        List<String> form = List.of("_token", token, "revision", "1", "selected", ranked.get(2));

        HttpResponse<String> manager = get(page, "sel-manager", PASSWORD);
        assertThat(manager.statusCode()).isEqualTo(200);
        assertThat(rows(manager.body()).keySet()).containsExactlyElementsOf(ranked);
        assertThat(manager.body()).contains("Lecture seule").doesNotContain("name=\"_token\"", "Enregistrer la sélection");
        assertThat(post(page, "sel-manager", PASSWORD, form).statusCode()).as("a manager writes nothing").isEqualTo(403);

        for (String path : List.of(page, page + "/embedded", "/staff/calls/NO-SUCH-CALL/selection")) {
            HttpResponse<String> other = get(path, "sel-cocof", PASSWORD);
            assertThat(other.statusCode()).as("other staff: %s", path).isEqualTo(404);
            assertThat(other.body()).contains("sa sélection ne vous est pas accessible")
                    .doesNotContain(ranked.get(0), call.getCode() + "</span>");
            assertThat(get(path, Fixtures.EVALUATOR, Fixtures.EVALUATOR_PASSWORD).statusCode()).as("evaluator: %s", path)
                    .isEqualTo(404);
        }
        assertThat(post(page, "sel-cocof", PASSWORD, form).statusCode()).isEqualTo(404);
        assertThat(post(page, Fixtures.EVALUATOR, Fixtures.EVALUATOR_PASSWORD, form).statusCode()).isEqualTo(404);

        Organisation applicant = fixtures.organisation(Administration.COCOF);
        fixtures.account(applicant);
        assertThat(get(page, Fixtures.user(applicant), Fixtures.PASSWORD).statusCode()).as("applicant").isEqualTo(403);
        assertThat(post(page, Fixtures.user(applicant), Fixtures.PASSWORD, form).statusCode()).isEqualTo(403);
        assertThat(get(page, null, null).statusCode()).as("anonymous").isEqualTo(401);
        assertThat(post(page, null, null, form).statusCode()).isEqualTo(401);
        HttpResponse<String> framedAnonymous = get(page + "/embedded", null, null);
        assertThat(framedAnonymous.statusCode()).isEqualTo(401);
        assertThat(framedAnonymous.headers().firstValue("WWW-Authenticate")).as("no password prompt in a frame").isEmpty();

        // an applicant's portal session opens nothing here either
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String login = browser.send(BasicAuth.request(port, "/portal/login", null, null).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        browser.send(BasicAuth.request(port, "/portal/login", null, null)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=" + enc(Fixtures.user(applicant)) + "&password="
                        + enc(Fixtures.PASSWORD) + "&_csrf=" + enc(find(login, "name=\"_csrf\" value=\"([^\"]+)\""))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(browser.send(BasicAuth.request(port, "/portal", null, null).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("signed in to the portal").isEqualTo(200);
        assertThat(browser.send(BasicAuth.request(port, page, null, null).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(401);
        assertThat(browser.send(BasicAuth.request(port, page, null, null)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_token=" + enc(token) + "&revision=1&selected="
                        + enc(ranked.get(2)))).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(401);
        assertThat(snapshot()).isEqualTo(before);
    }

    static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

}
