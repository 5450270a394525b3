package be.subside.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import be.subside.CamundaWebapps;
import be.subside.Fixtures;
import be.subside.IntegrationTest;
import be.subside.StaffUsers;
import be.subside.call.Administration;
import be.subside.application.ApplicationState;
import be.subside.call.Call;
import be.subside.call.CallState;
import be.subside.identity.Organisation;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Staff read the case inside the task form, in the real Tasklist in headless Chromium: under the form's case link, a
 * frame shows the case's reference, organisation, documents and timeline. The browser holds no Basic credentials:
 * the Tasklist sign-in is what opens the frame. Staff of the other administration get no case content in a frame of
 * that case. The committee composes its selection in the same way, in the frame of its task form. Screenshots:
 * target/screenshots/tasklist-case-frame*.png, tasklist-selection*.png.
 */
@IntegrationTest
class TasklistCaseFrameBrowserTest {

    static final String PASSWORD = "Case-frame-password-1";

    @RegisterExtension
    static final SystemChromium chromium = new SystemChromium();

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    IdentityService identity;
    @Autowired
    AuthorizationService authorizations;
    @Autowired
    TaskService tasks;
    @Autowired
    be.subside.call.CallService calls;
    @Autowired
    be.subside.application.ApplicationService applications;

    final List<BrowserContext> contexts = new ArrayList<>();
    final List<String> dialogs = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void patience() {
        // the first Tasklist of a JVM loads its bundles and initialises the webapp's servlets
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
    }

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
    }

    @Test
    void staffReadTheCaseInsideTheTaskFormAndTheOtherAdministrationReadsNothingOfIt() {
        CamundaWebapps.restoreRuntimeDelegates();
        CamundaWebapps.unknownAdministrator(identity, authorizations);
        StaffUsers.ensure(identity, "frame-cocof", "staff-cocof", PASSWORD);
        StaffUsers.ensure(identity, "frame-cocom", "staff-cocom", PASSWORD);
        Call call = fixtures.openCall();
        Organisation cocof = fixtures.organisation(Administration.COCOF);
        Organisation cocom = fixtures.organisation(Administration.COCOM);
        fixtures.account(cocof);
        fixtures.account(cocom);
        String cocofCase = fixtures.submitted(call, cocof, cocom, "1000").getReference();
        String cocomCase = fixtures.submitted(call, cocom, cocof, "1000").getReference();

        Page staff = tasklist("frame-cocof");
        openTask(staff, task(cocofCase));
        FrameLocator frame = staff.frameLocator("iframe.subside-case");
        assertThat(frame.locator("h1")).containsText(cocofCase);
        assertThat(frame.locator("main")).containsText(cocof.getName());
        assertThat(frame.locator("main")).containsText("statuts.pdf");
        assertThat(frame.locator("main ol")).containsText("STAGE1_SUBMITTED");
        assertThat(frame.locator("main ol")).containsText(Fixtures.user(cocof));
        assertThat(staff.locator("iframe.subside-case")).hasAttribute("src", "/staff/cases/" + cocofCase + "/embedded");
        assertThat(staff.locator(".fjs-container a[href='/staff/cases/" + cocofCase + "']"))
                .hasAttribute("target", "_blank");
        // the labels are long, being bilingual: they wrap, none is cut (form-js keeps a label on one line)
        Assertions.assertThat((List<?>) staff.locator(".fjs-container").evaluate("form => [...form.querySelectorAll("
                + "'.fjs-form-field-label')].filter(l => l.scrollWidth > l.clientWidth + 1).map(l => l.textContent)"))
                .as("labels cut").isEmpty();
        staff.locator("iframe.subside-case").scrollIntoViewIfNeeded();
        WebappPages.shot(staff, "tasklist-case-frame");
        // the frame scrolls on its own: its documents and timeline
        frame.locator("main h2", new FrameLocator.LocatorOptions().setHasText("Pièces")).evaluate(
                "heading => heading.scrollIntoView()");
        staff.locator("iframe.subside-case").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                .setPath(Path.of("target", "screenshots", "tasklist-case-frame-documents.png")));

        // the other administration: its own case in its own task, and nothing of the COCOF case in a frame of it
        Page other = tasklist("frame-cocom");
        openTask(other, task(cocomCase));
        assertThat(other.frameLocator("iframe.subside-case").locator("main")).containsText(cocom.getName());
        Response refused = other.waitForResponse(r -> r.url().endsWith("/staff/cases/" + cocofCase + "/embedded"),
                () -> other.locator("iframe.subside-case").evaluate("(frame, src) => frame.src = src",
                        "/staff/cases/" + cocofCase + "/embedded"));
        Assertions.assertThat(refused.status()).isEqualTo(404);
        FrameLocator foreign = other.frameLocator("iframe.subside-case");
        assertThat(foreign.locator("main")).containsText("relève d'une autre administration");
        Assertions.assertThat(foreign.locator("body").innerText()).doesNotContain(cocofCase, cocof.getName(),
                "statuts.pdf", "STAGE1_SUBMITTED");
        WebappPages.shot(other, "tasklist-case-frame-other-administration");

        Assertions.assertThat(dialogs).as("dialogs").isEmpty();
    }

    /**
     * The committee composes the selection inside its task form: the frame under the form's link ranks the call's
     * cases, the member ticks and saves there (the browser holds only the Tasklist sign-in), then confirms the saved
     * figures in the form and completes the task; a form still carrying the figures of before the save is refused.
     */
    @Test
    void theCommitteeComposesItsSelectionInTheFramedPageAndDecidesInTheForm() {
        CamundaWebapps.restoreRuntimeDelegates();
        CamundaWebapps.unknownAdministrator(identity, authorizations);
        StaffUsers.ensure(identity, "frame-committee", "committee", PASSWORD);
        Call call = fixtures.openCall(new java.math.BigDecimal("200000"));
        Organisation cocof = fixtures.organisation(Administration.COCOF);
        Organisation cocom = fixtures.organisation(Administration.COCOM);
        List<String> cases = fixtures.evaluatedInBulk(call, List.of(
                new Fixtures.Evaluated(cocof, 90, new java.math.BigDecimal("120000")),
                new Fixtures.Evaluated(cocom, 80, new java.math.BigDecimal("100000")),
                new Fixtures.Evaluated(cocof, 70, new java.math.BigDecimal("50000"))));
        fixtures.passStage1Deadline(call);
        fixtures.claimSelection(call, "frame-committee");
        String task = fixtures.selectionTask(call).getId();

        Page committee = tasklist("frame-committee");
        committee.navigate("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + task);
        committee.locator(".fjs-container").getByText("Sélection des projets").waitFor();
        FrameLocator selection = committee.frameLocator("iframe.subside-selection");
        assertThat(committee.locator("iframe.subside-selection")).hasAttribute("src",
                "/staff/calls/" + call.getCode() + "/selection/embedded");
        assertThat(selection.locator("#ranking tbody tr")).hasCount(3);
        assertThat(selection.locator("#ranking tbody tr").first()).containsText(cases.get(0));
        assertThat(selection.locator("#ranking tbody tr").first()).containsText(cocof.getName());
        // the proposal, saved by the claim: the first and the third, 170,000 EUR
        assertThat(selection.locator("#confirm-count")).hasText("2");
        assertThat(selection.locator("#confirm-total")).hasText("170000.00");
        committee.locator("iframe.subside-selection").scrollIntoViewIfNeeded();
        WebappPages.shot(committee, "tasklist-selection-frame");

        // the committee prefers the second case to the first, and saves in the frame
        selection.getByLabel("Sélectionner / Selecteren " + cases.get(0)).uncheck();
        selection.getByLabel("Sélectionner / Selecteren " + cases.get(1)).check();
        selection.locator("button[value=save]").first().click();
        assertThat(selection.locator("#selection-saved")).containsText("révision 2");
        assertThat(selection.locator("#confirm-count")).hasText("2");
        assertThat(selection.locator("#confirm-total")).hasText("150000.00");
        assertThat(selection.getByLabel("Sélectionner / Selecteren " + cases.get(1))).isChecked();
        WebappPages.shot(committee, "tasklist-selection-saved");

        // the form filled with the proposal's figures is refused, and says which field
        committee.locator("input[id$='Field_SelectionCount']").fill("2");
        committee.locator("input[id$='Field_SelectionTotal']").fill("170000");
        committee.locator("textarea[id$='Field_SelectionMotivation']").fill(Fixtures.SELECTION_MOTIVATION);
        Response refused = committee.waitForResponse(r -> r.url().contains("/task/" + task + "/submit-form"),
                () -> committee.locator("button:has-text('Terminer')").click());
        Assertions.assertThat(refused.status()).isEqualTo(500);
        assertThat(committee.locator("body")).containsText("selectionTotal");
        WebappPages.shot(committee, "tasklist-selection-stale-form");
        Assertions.assertThat(calls.get(call.getCode()).getState()).isEqualTo(CallState.STAGE1_CLOSED);

        committee.locator(".page-notifications .close:visible").first().click();
        committee.locator("input[id$='Field_SelectionTotal']").fill("150000");
        Response decided = committee.waitForResponse(r -> r.url().contains("/task/" + task + "/submit-form"),
                () -> committee.locator("button:has-text('Terminer')").click());
        Assertions.assertThat(decided.status()).isIn(200, 204);
        Assertions.assertThat(calls.get(call.getCode()).getState()).isEqualTo(CallState.SELECTION_DONE);
        Assertions.assertThat(applications.get(cases.get(1)).getState()).isEqualTo(ApplicationState.SELECTED);
        Assertions.assertThat(applications.get(cases.get(0)).getState()).isEqualTo(ApplicationState.NOT_SELECTED);
        Assertions.assertThat(dialogs).as("dialogs").isEmpty();
    }

    String task(String reference) {
        return tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey("Task_CheckAdmissibility")
                .singleResult().getId();
    }

    /** Signs in to Tasklist in a fresh browser that has no Basic credentials for our pages. */
    Page tasklist(String user) {
        BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions()
                .setViewportSize(1280, 1400).setLocale("fr-BE"));
        contexts.add(context);
        Page page = context.newPage();
        page.onDialog(dialog -> {
            dialogs.add(dialog.type() + ": " + dialog.message());
            dialog.dismiss();
        });
        page.setDefaultTimeout(30_000);
        return WebappPages.signIn(page, "http://localhost:" + port + "/camunda/app/tasklist/default/", user, PASSWORD);
    }

    void openTask(Page page, String taskId) {
        page.navigate("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + taskId);
        page.locator(".fjs-container").getByText("Vérification de la recevabilité").waitFor();
    }
}
