package be.subside.portal;

import static org.assertj.core.api.Assertions.*;

import be.subside.CamundaWebapps;
import be.subside.Fixtures;
import be.subside.IntegrationTest;
import be.subside.application.ApplicationService;
import be.subside.application.ApplicationState;
import be.subside.call.Administration;
import be.subside.call.Call;
import be.subside.identity.Organisation;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.HttpCredentials;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Stored XSS: an applicant types script, HTML, template, Markdown and {@code javascript:} payloads into every text
 * field the portal has (the preliminary dossier, the organisation, the file name) and submits. The portal pages show
 * them as text; then staff open the case in the real Camunda Tasklist in headless Chromium, where form-js renders the
 * task forms, and the committee the selection form, whose frame ranks the case under the applicant's organisation and
 * title. No dialog ever
 * opens, no injected element exists in any page, and the payloads read as the text that was typed. Screenshots go to
 * target/screenshots/tasklist-xss-*.png.
 */
@IntegrationTest
class TasklistEscapingBrowserTest {

    static final String IMG = "<img src=x onerror=alert(1)>";
    static final String SCRIPT = "\"><script>alert(2)</script>";
    static final String TEMPLATE = "{{constructor.constructor('alert(3)')()}}";
    static final String JS_URL = "javascript:alert(4)";
    static final String MARKDOWN = "**gras** [cliquez](https://evil.example/x) [lien](javascript:alert(5))";
    static final String ATTRIBUTE = "' onmouseover='alert(6)' x='";
    static final List<String> PAYLOADS = List.of(IMG, SCRIPT, TEMPLATE, JS_URL, MARKDOWN, ATTRIBUTE);
    /** What must never appear unescaped in a page's HTML. */
    static final List<String> RAW = List.of("<img src=x", "<script>alert(", "onmouseover='alert", "href=\"javascript:");

    static final String TITLE = "Projet " + IMG + " " + SCRIPT;
    static final String SUMMARY = String.join("\n", PAYLOADS);
    static final String ORGANISATION = "ASBL " + IMG + " " + MARKDOWN;
    /** Slashes would cut the name, and < > " become _: what is left must still read as text. */
    static final String FILE_NAME = "statuts <img src=x onerror=alert(7)>.pdf";
    static final String STORED_FILE_NAME = "statuts _img src=x onerror=alert(7)_.pdf";
    static final String PASSWORD = "Tasklist-xss-password-1";
    /** A relative time as Tasklist words it: "dans 3 ans", "il y a 2 jours"; "over 3 jaar", "2 dagen geleden". */
    static final java.util.regex.Pattern FRENCH_RELATIVE_TIME =
            java.util.regex.Pattern.compile("^\\s*(dans .+|il y a .+?)\\s*$");
    static final java.util.regex.Pattern DUTCH_RELATIVE_TIME =
            java.util.regex.Pattern.compile("^\\s*(over .+|.+ geleden)\\s*$");
    /** A long date in its tooltip: "vendredi 1 mars 2030 10:00", "vrijdag 1 maart 2030 10:00". */
    static final java.util.regex.Pattern FRENCH_LONG_DATE = java.util.regex.Pattern.compile(
            "^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \\d{1,2} (janvier|février|mars|avril|mai|juin|juillet"
                    + "|août|septembre|octobre|novembre|décembre) \\d{4}");
    static final java.util.regex.Pattern DUTCH_LONG_DATE = java.util.regex.Pattern.compile(
            "^(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag) \\d{1,2} (januari|februari|maart|april|mei"
                    + "|juni|juli|augustus|september|oktober|november|december) \\d{4}");

    @org.junit.jupiter.api.extension.RegisterExtension
    static final SystemChromium chromium = new SystemChromium();

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    ApplicationService applications;
    @Autowired
    IdentityService identity;
    @Autowired
    org.camunda.bpm.engine.AuthorizationService authorizations;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcTemplate jdbc;

    final List<String> dialogs = new CopyOnWriteArrayList<>();
    final List<BrowserContext> contexts = new ArrayList<>();
    Call call;
    Organisation lead;
    Organisation partner;

    @BeforeAll
    static void patience() {
        // the first Tasklist of a JVM loads its bundles and initialises the webapp's servlets: give it time
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
    }

    @BeforeEach
    void applicantAndStaff() {
        call = fixtures.openCall();
        lead = fixtures.organisation(Administration.COCOF);
        partner = fixtures.organisation(Administration.COCOM);
        fixtures.account(lead);
        staff("xss-cocof", "staff-cocof");
        staff("xss-committee", "committee");
        administrator();
        CamundaWebapps.restoreRuntimeDelegates();
    }

    /**
     * The test profile has no Camunda administrator, and without one the webapps send everyone to the setup page that
     * creates the first; one with an unknown password makes them show their login.
     */
    void administrator() {
        CamundaWebapps.unknownAdministrator(identity, authorizations);
    }

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
    }

    void staff(String id, String group) {
        be.subside.StaffUsers.ensure(identity, id, group, PASSWORD);
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** A fresh browser page that records every dialog (alert, confirm, prompt) and dismisses it. */
    Page page(HttpCredentials credentials) {
        return page(credentials, "fr-BE");
    }

    /** A fresh page whose browser asks for {@code locale} (Tasklist follows the browser's language). */
    Page page(HttpCredentials credentials, String locale) {
        Browser.NewContextOptions options = new Browser.NewContextOptions().setViewportSize(1280, 900).setLocale(locale);
        BrowserContext context = chromium.browser().newContext(credentials == null ? options : options.setHttpCredentials(credentials));
        contexts.add(context);
        Page page = context.newPage();
        page.onDialog(dialog -> {
            dialogs.add(dialog.type() + ": " + dialog.message());
            dialog.dismiss();
        });
        page.setDefaultTimeout(30_000);
        return page;
    }

    /** Notes every webapp API call the server refuses while the page works. */
    static void recordRefusals(Page page, List<String> refused) {
        page.onResponse(r -> {
            if (r.status() >= 400 && r.url().contains("/camunda/api/")) {
                refused.add(r.status() + " " + r.request().method() + " " + r.url());
            }
        });
    }

    /**
     * The hardening (bounded queries, the expression filter) must not break the webapps: Tasklist lists its filters and
     * their counts, Cockpit its processes, Admin its users; none shows a failure.
     */
    @Test
    void theStaffWebappsStillLoadTheirListsUnderTheHardening() {
        fixtures.submitted(call, lead, partner, "1000");
        staff("xss-manager", "managers");
        staff("xss-admin", "camunda-admin");

        Page tasklist = tasklist("xss-cocof");
        List<String> refused = new java.util.concurrent.CopyOnWriteArrayList<>();
        recordRefusals(tasklist, refused);
        tasklist.reload();
        try {
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(tasklist.locator("[cam-tasklist-filters]"))
                    .containsText("Dossiers COCOF");
        } catch (AssertionError e) {
            shot(tasklist, "webapp-tasklist-failed");
            throw new AssertionError("Tasklist at " + tasklist.url() + " shows: " + tasklist.locator("body").innerText()
                    + "; refused API calls: " + refused, e);
        }
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(tasklist.locator("body"))
                .containsText("Vérifier la recevabilité et la complétude");
        assertThat(tasklist.locator("body").innerText()).doesNotContain("Failure", "failures");
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(
                tasklist.getByPlaceholder("Filtrer les tâches")).isVisible();
        // the task was created at the engine's clock (2030): "dans … ans" from the browser's today
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(tasklist.locator("[am-time-ago]").first())
                .hasText(FRENCH_RELATIVE_TIME);
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(tasklist.locator("[am-time-ago]").first())
                .hasAttribute("uib-tooltip", FRENCH_LONG_DATE);
        shot(tasklist, "webapp-tasklist");

        // a Dutch-speaking colleague's browser gets Tasklist in Dutch, from its login page on
        Page dutch = page(new HttpCredentials("xss-cocof", PASSWORD), "nl-BE");
        dutch.navigate(url("/camunda/app/tasklist/default/"));
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(dutch.locator("input[ng-model=username]"))
                .hasAttribute("placeholder", "Gebruikersnaam");
        dutch.locator("input[ng-model=username]").fill("xss-cocof");
        dutch.locator("input[ng-model=password]").fill(PASSWORD);
        dutch.locator("button[type=submit]").click();
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(dutch.getByPlaceholder("Taken filteren"))
                .isVisible();
        // relative dates in Dutch too, although Tasklist also loads the French file (its fallback) after the Dutch one
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(dutch.locator("[am-time-ago]").first())
                .hasText(DUTCH_RELATIVE_TIME);
        // and on the next visit, when both files come from the browser's storage, French last
        dutch.reload();
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(dutch.getByPlaceholder("Taken filteren"))
                .isVisible();
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(dutch.locator("[am-time-ago]").first())
                .hasText(DUTCH_RELATIVE_TIME);
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(dutch.locator("[am-time-ago]").first())
                .hasAttribute("uib-tooltip", DUTCH_LONG_DATE);
        shot(dutch, "webapp-tasklist-nl");

        Page cockpit = webapp("cockpit", "xss-manager");
        recordRefusals(cockpit, refused);
        cockpit.navigate(url("/camunda/app/cockpit/default/#/processes"));
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(cockpit.locator("body"))
                .containsText("GrantApplicationProcess");
        assertThat(cockpit.locator("body").innerText()).doesNotContain("Failure", "unbound");
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(cockpit.locator("body"))
                .containsText("Décisions");
        shot(cockpit, "webapp-cockpit");

        // and in Dutch for a Dutch-speaking manager
        Page dutchCockpit = page(new HttpCredentials("xss-manager", PASSWORD), "nl-BE");
        dutchCockpit.navigate(url("/camunda/app/cockpit/default/"));
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(
                dutchCockpit.locator("input[ng-model=username]")).hasAttribute("placeholder", "Gebruikersnaam");
        dutchCockpit.locator("input[ng-model=username]").fill("xss-manager");
        dutchCockpit.locator("input[ng-model=password]").fill(PASSWORD);
        dutchCockpit.locator("button[type=submit]").click();
        dutchCockpit.locator("input[ng-model=username]").waitFor(new com.microsoft.playwright.Locator.WaitForOptions()
                .setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));
        // before the login, the webapp's "who am I" call answers 404 by design: count refusals from here on
        recordRefusals(dutchCockpit, refused);
        dutchCockpit.navigate(url("/camunda/app/cockpit/default/#/processes"));
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(dutchCockpit.locator("body"))
                .containsText("GrantApplicationProcess");
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(dutchCockpit.locator("body"))
                .containsText("Beslissingen");
        shot(dutchCockpit, "webapp-cockpit-nl");

        Page admin = webapp("admin", "xss-admin");
        recordRefusals(admin, refused);
        admin.navigate(url("/camunda/app/admin/default/#/users"));
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(admin.locator("body")).containsText("xss-cocof");
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(admin.locator("body"))
                .containsText("Liste des utilisateurs");
        assertThat(admin.locator("body").innerText()).doesNotContain("Failure", "unbound");
        shot(admin, "webapp-admin");
        assertThat(refused).as("webapp API calls refused").isEmpty();
    }

    @Test
    void payloadsInEveryTextFieldShowAsTextInThePortalAndInTasklist() throws Exception {
        PortalClient applicant = new PortalClient(port).signIn(lead);

        // the organisation, registered through the portal with payloads in its name and address
        String enterpriseNumber = Fixtures.enterpriseNumber(2_000_000 + (int) (System.nanoTime() % 1_000_000));
        HttpResponse<String> registered = applicant.post("/portal/organisations/new", "/portal/organisations",
                List.of("name", ORGANISATION, "legalForm", "ASBL_VZW", "enterpriseNumber", enterpriseNumber,
                        "street", "Rue " + SCRIPT, "postalCode", "1000", "municipality", "Bruxelles " + ATTRIBUTE,
                        "competentAdministration", "COCOF", "language", "FR", "contactEmail", "xss@test.example"));
        assertThat(PortalCaseTest.location(registered)).isEqualTo("/portal");
        Long organisationId = jdbc.queryForObject("select id from organisation where enterprise_number = ?", Long.class,
                enterpriseNumber);
        assertThat(jdbc.queryForObject("select name from organisation where id = ?", String.class, organisationId))
                .as("stored as typed").isEqualTo(ORGANISATION);

        String dossier = PortalCaseTest.location(applicant.post("/portal", "/portal/calls/" + call.getCode()
                + "/applications", List.of("organisationId", organisationId.toString())));
        String reference = dossier.replaceAll(".*/applications/([^/]+)/dossier", "$1");

        // payloads in every field, those that must be numbers or enterprise numbers too: refused, shown back escaped
        Map<String, Object> draft = CaseSnapshot.of(jdbc, reference);
        HttpResponse<String> refused = applicant.post(dossier, dossier, List.of("action", "save",
                "projectTitle", TITLE, "projectSummary", SUMMARY, "partners[0].enterpriseNumber", IMG, "partners[1].enterpriseNumber", SCRIPT,
                "requestedAmount", SCRIPT, "measures", IMG, "aims", SCRIPT));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertEscaped(refused.body(), "dossier refused");
        assertThat(refused.body()).contains("role=\"alert\"", "&lt;img src=x onerror=alert(1)&gt;");
        assertThat(CaseSnapshot.of(jdbc, reference)).as("a refused save stores nothing").isEqualTo(draft);

        // the text fields keep them, the others valid: saved as typed, the file name too
        List<String> dossierFields = List.of("projectTitle", TITLE, "projectSummary", SUMMARY,
                "measures", "PURCHASING_CENTRALS", "aims", "COLLABORATIVE_WORK",
                "partners[0].enterpriseNumber", partner.getEnterpriseNumber(), "requestedAmount", "45000",
                "declarationAccepted", "true");
        assertThat(PortalCaseTest.location(applicant.post(dossier, dossier, concat(List.of("action", "save"),
                dossierFields)))).endsWith("/dossier?saved");
        assertThat(applicant.upload(reference, "STATUTES", null, FILE_NAME, Fixtures.pdf("Statuts"))
                .statusCode()).isEqualTo(302);
        assertThat(PortalCaseTest.location(applicant.post(dossier, dossier, concat(List.of("action", "submit"),
                dossierFields)))).endsWith("?submitted");
        assertThat(applications.get(reference).getState()).isEqualTo(ApplicationState.STAGE1_SUBMITTED);
        assertThat(applications.get(reference).getTitle()).isEqualTo(TITLE);
        assertThat(applications.get(reference).getSummary()).isEqualTo(SUMMARY);

        // (a) the portal's HTML escapes them, and a real browser shows them as text
        for (String path : List.of("/portal", "/portal/applications/" + reference, dossier)) {
            assertEscaped(applicant.get(path).body(), path);
        }
        assertThat(applicant.get("/portal").body()).contains("Projet &lt;img src=x onerror=alert(1)&gt; &quot;&gt;&lt;script&gt;");
        portalInChromium(reference, dossier);
        // the mails to the applicant name the organisation: escaped there too
        List<String> mails = jdbc.queryForList("select body_html from outbox_message where application_id = ?",
                String.class, applications.get(reference).getId());
        assertThat(mails).isNotEmpty().allSatisfy(html -> assertEscaped(html, "mail"))
                .anySatisfy(html -> assertThat(html).contains("ASBL &lt;img src=x onerror=alert(1)&gt;"));

        // the dossier's text is kept in our tables, not in the process: no variable holds any payload
        String instance = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
                .singleResult().getId();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance).list())
                .extracting(HistoricVariableInstance::getValue).map(String::valueOf)
                .noneMatch(v -> v.contains("alert(") || v.contains("<img") || v.contains("evil.example"));

        // (b) staff of the competent administration open the case's task in Tasklist, then its documents page
        String admissibility = tasks.createTaskQuery().processInstanceId(instance)
                .taskDefinitionKey("Task_CheckAdmissibility").singleResult().getId();
        Page staff = tasklist("xss-cocof");
        openTask(staff, admissibility, "Vérification de la recevabilité");
        assertThat(staff.locator(".fjs-container").innerText()).contains(reference)
                .as("the dossier's text is not a process variable: the task form cannot show it")
                .doesNotContain("alert(", "onerror");
        assertThat(staff.locator(".fjs-container a[href='/staff/cases/" + reference + "']").count())
                .as("the form links to the case page").isEqualTo(1);
        assertNothingInjected(staff, "Tasklist admissibility");
        shot(staff, "tasklist-xss-admissibility");

        staff.navigate(url("/staff/cases/" + reference + "/documents"));
        assertThat(staff.locator("table").innerText()).contains(STORED_FILE_NAME);
        assertNothingInjected(staff, "staff documents page");
        shot(staff, "tasklist-xss-documents");

        // the case page shows what the applicant typed, all of it as text
        staff.navigate(url("/staff/cases/" + reference));
        assertThat(staff.locator("main").innerText()).contains(TITLE, SUMMARY, ORGANISATION);
        assertNothingInjected(staff, "staff case page");
        shot(staff, "tasklist-xss-case-page");

        // the committee's selection form frames the call's ranking, which names the lead organisation: as text
        String selection = selectionTaskClaimedByTheCommittee(reference);
        assertThat(runtime.getVariables(tasks.createTaskQuery().taskId(selection).singleResult().getProcessInstanceId())
                .values()).as("the ranking is not a process variable").extracting(String::valueOf)
                .noneMatch(v -> v.contains(reference) || v.contains("alert(") || v.contains("evil.example"));
        Page committee = tasklist("xss-committee");
        openTask(committee, selection, "Sélection des projets");
        com.microsoft.playwright.FrameLocator ranking = committee.frameLocator("iframe.subside-selection");
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(ranking.locator("#ranking tbody tr"))
                .hasCount(1);
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(
                ranking.locator("tr[data-reference='" + reference + "'] td").nth(3)).hasText(ORGANISATION);
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(
                ranking.locator("tr[data-reference='" + reference + "'] td").nth(4)).hasText(TITLE);
        assertThat(ranking.locator("main").innerText()).contains(reference, IMG, "**gras**",
                "[cliquez](https://evil.example/x)", "[lien](javascript:alert(5))");
        assertThat(ranking.locator("main strong, main em").allInnerTexts()).doesNotContain("gras");
        assertNothingInjected(committee, "Tasklist selection");
        committee.locator("iframe.subside-selection").scrollIntoViewIfNeeded();
        shot(committee, "tasklist-xss-selection");

        // the same page opened in its own tab from the form's link
        committee.navigate(url("/staff/calls/" + call.getCode() + "/selection"));
        assertThat(committee.locator("#ranking").innerText()).contains(ORGANISATION, TITLE);
        assertNothingInjected(committee, "staff selection page");
        shot(committee, "tasklist-xss-selection-page");

        assertThat(dialogs).as("dialogs opened by injected script").isEmpty();
    }

    /** The applicant's pages in Chromium: the payloads read as text, nothing was injected. */
    void portalInChromium(String reference, String dossier) {
        Page page = page(null);
        page.navigate(url("/portal/login"));
        page.getByLabel("Adresse e-mail").fill(Fixtures.user(lead));
        page.getByLabel("Mot de passe").fill(Fixtures.PASSWORD);
        page.locator("button[type=submit]").first().click();
        page.waitForURL(url("/portal"));
        assertThat(page.locator("main").innerText()).contains(TITLE, ORGANISATION);
        assertNothingInjected(page, "portal home");
        shot(page, "tasklist-xss-portal-home");

        page.navigate(url("/portal/applications/" + reference));
        assertThat(page.locator("main").innerText()).contains(TITLE, STORED_FILE_NAME);
        assertNothingInjected(page, "portal case");
        shot(page, "tasklist-xss-portal-case");

        page.navigate(url(dossier));
        assertThat(page.locator("#Field_ProjectTitle").inputValue()).isEqualTo(TITLE);
        assertThat(page.locator("#Field_ProjectSummary").inputValue()).isEqualTo(SUMMARY);
        assertNothingInjected(page, "portal dossier");
        shot(page, "tasklist-xss-portal-dossier");
    }

    static void assertEscaped(String html, String where) {
        for (String raw : RAW) {
            assertThat(html).as("%s contains %s unescaped", where, raw).doesNotContain(raw);
        }
    }

    /** No element, attribute or link that a payload would have made, in any frame of the page. */
    static void assertNothingInjected(Page page, String where) {
        for (Frame frame : page.frames()) {
            assertThat(frame.locator("img[src='x']").count()).as("%s: injected img", where).isZero();
            assertThat(frame.locator("a[href*='evil.example'], a[href*='alert(']").count()).as("%s: injected link", where)
                    .isZero();
            Object scripts = frame.evaluate("() => [...document.scripts].filter(s => s.textContent.includes('alert(')).length");
            assertThat(((Number) scripts).intValue()).as("%s: injected script", where).isZero();
            Object handlers = frame.evaluate("() => [...document.querySelectorAll('*')].filter(e => [...e.attributes]"
                    + ".some(a => a.name.startsWith('on') && a.value.includes('alert'))).length");
            assertThat(((Number) handlers).intValue()).as("%s: injected event handler", where).isZero();
        }
    }

    /** Signs in to the Camunda Tasklist as {@code user}, with the same credentials for the staff pages (Basic). */
    Page tasklist(String user) {
        return webapp("tasklist", user);
    }

    /** Signs in to one of the Camunda webapps (tasklist, cockpit, admin) as {@code user}. */
    Page webapp(String app, String user) {
        return WebappPages.signIn(page(new HttpCredentials(user, PASSWORD)), url("/camunda/app/" + app + "/default/"),
                user, PASSWORD);
    }

    void openTask(Page page, String taskId, String formHeading) {
        page.navigate(url("/camunda/app/tasklist/default/#/?task=" + taskId));
        page.locator(".fjs-container").getByText(formHeading).waitFor();
        page.waitForLoadState();
    }

    static void shot(Page page, String name) {
        WebappPages.shot(page, name);
    }

    /** Takes the case through admissibility, eligibility and evaluation, closes stage 1, and opens the selection. */
    String selectionTaskClaimedByTheCommittee(String reference) {
        complete(reference, "Task_CheckAdmissibility", "xss-cocof", Map.of("admissibilityDecision", "ADMISSIBLE"));
        complete(reference, "Task_CheckEligibility", "xss-cocof", Map.of("eligibilityDecision", "ELIGIBLE"));
        fixtures.evaluated(reference, 15);
        fixtures.passStage1Deadline(call);
        String selection = tasks.createTaskQuery().processInstanceBusinessKey(call.getCode())
                .taskDefinitionKey("Task_SelectApplications").singleResult().getId();
        tasks.claim(selection, "xss-committee");
        return selection;
    }

    void complete(String businessKey, String taskKey, String user, Map<String, Object> variables) {
        String task = tasks.createTaskQuery().processInstanceBusinessKey(businessKey).taskDefinitionKey(taskKey)
                .singleResult().getId();
        tasks.claim(task, user);
        tasks.complete(task, variables);
    }

    static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).collect(Collectors.toList());
    }
}
