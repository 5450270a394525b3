package be.subside.portal;

import static org.assertj.core.api.Assertions.*;

import be.subside.Fixtures;
import be.subside.IntegrationTest;
import be.subside.application.ApplicationService;
import be.subside.application.ApplicationState;
import be.subside.call.Administration;
import be.subside.call.Call;
import be.subside.identity.Organisation;
import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The portal in a real headless Chromium (the system's, driven by Playwright): an applicant fills and submits the
 * preliminary dossier with its document, errors show in place, and every page passes axe with no serious or critical
 * violation. Screenshots go to target/screenshots/.
 */
@IntegrationTest
class PortalBrowserTest {

    static Playwright playwright;
    static Browser chromium;

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    ApplicationService applications;

    BrowserContext context;
    Page page;
    Call call;
    Organisation lead;
    Organisation partner;

    @BeforeAll
    static void launch() {
        Path executable = Paths.get(System.getProperty("subside.chromium", "/usr/lib/chromium/chromium"));
        if (!java.nio.file.Files.isExecutable(executable)) {
            // CI installs Chromium (.ci/run) and must run these tests; elsewhere they wait for it to be installed
            assertThat(System.getenv("CI")).as("Chromium missing at %s in CI", executable).isNull();
            org.junit.jupiter.api.Assumptions.abort("No Chromium at " + executable
                    + ": apt-get install -y --no-install-recommends chromium, or run .ci/run");
        }
        playwright = Playwright.create();
        chromium = playwright.chromium().launch(new BrowserType.LaunchOptions().setHeadless(true)
                .setExecutablePath(executable)
                .setArgs(List.of("--disable-gpu", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run")));
    }

    @AfterAll
    static void close() {
        if (playwright != null) {
            chromium.close();
            playwright.close();
        }
    }

    @BeforeEach
    void signIn() {
        call = fixtures.openCall();
        lead = fixtures.organisation(Administration.COCOF);
        partner = fixtures.organisation(Administration.COCOM);
        fixtures.account(lead);
        context = chromium.newContext(new Browser.NewContextOptions().setViewportSize(1000, 900));
        page = context.newPage();
        page.navigate(url("/portal/login"));
        accessible("login");
        page.getByLabel("Adresse e-mail").fill(Fixtures.user(lead));
        page.getByLabel("Mot de passe").fill(Fixtures.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Se connecter")).click();
        page.waitForURL(url("/portal"));
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** The start button of this test's call (other tests' calls are open too). */
    com.microsoft.playwright.Locator startButton() {
        return page.getByRole(AriaRole.LISTITEM).filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText("(" + call.getCode() + ")")).getByRole(AriaRole.BUTTON);
    }

    /** axe on the current page: no serious or critical violation of WCAG 2.1 A/AA; and a screenshot to look at. */
    void accessible(String name) {
        List<Rule> violations = new AxeBuilder(page).withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze().getViolations().stream()
                .filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact())).toList();
        assertThat(violations).as("%s: %s", name, violations.stream().map(v -> v.getId() + " " + v.getNodes().size())
                .toList()).isEmpty();
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", name + ".png"))
                .setFullPage(true));
    }

    @Test
    void fillsUploadsAndSubmitsThePreliminaryDossier() {
        accessible("home");
        startButton().click();
        page.waitForURL("**/dossier");
        accessible("dossier");

        page.getByLabel("Intitulé du projet").fill("Centrale d'achat mutualisée");
        page.getByLabel("Résumé du projet").fill("Achats groupés de matériel informatique pour trois ASBL.");
        page.getByLabel("Centrales d'achat").check();
        page.getByLabel("Travail collaboratif et partage de ressources").check();
        page.locator("#Field_PartnerEnterpriseNumbers").fill(partner.getEnterpriseNumber());
        page.locator("#Field_RequestedAmount").fill("45000");
        page.locator("#Field_DeclarationAccepted").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enregistrer le brouillon")).click();
        assertThat(page.getByRole(AriaRole.STATUS).textContent()).contains("Brouillon enregistré");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Retour au dossier")).click();
        accessible("case-draft");
        page.getByLabel("Fichier pour « Statuts »").setInputFiles(new FilePayload("statuts.pdf", "application/pdf",
                Fixtures.pdf("Statuts")));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Envoyer")).first().click();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("statuts.pdf")).isVisible()).isTrue();

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Compléter le dossier de candidature préalable"))
                .click();
        page.locator("#Field_DeclarationAccepted").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Introduire le dossier")).click();
        page.waitForURL("**?submitted");
        assertThat(page.getByRole(AriaRole.STATUS).textContent()).contains("Votre dossier a été introduit");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(
                java.util.regex.Pattern.compile("accuse-de-reception"))).isVisible()).isTrue();
        accessible("case-submitted");
        String reference = page.url().replaceAll(".*/applications/([^?]+).*", "$1");
        assertThat(applications.get(reference).getState()).isEqualTo(ApplicationState.STAGE1_SUBMITTED);
    }

    @Test
    void showsAMissingRequiredFieldInPlaceInDutch() {
        page.navigate(url("/portal?lang=nl"));
        startButton().click();
        page.waitForURL("**/dossier");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Het dossier indienen")).click();

        assertThat(page.locator("html").getAttribute("lang")).as(page.content()).isEqualTo("nl");
        assertThat(page.getByRole(AriaRole.ALERT).first().textContent()).contains("Het formulier bevat");
        assertThat(page.locator("#Field_ProjectTitle-error").textContent()).contains("is verplicht");
        assertThat(page.locator("#Field_ProjectTitle").getAttribute("aria-describedby")).contains("Field_ProjectTitle-error");
        accessible("dossier-errors-nl");
    }
}
