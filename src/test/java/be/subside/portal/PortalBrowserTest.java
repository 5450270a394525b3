package be.subside.portal;

import static org.assertj.core.api.Assertions.*;

import be.subside.Fixtures;
import be.subside.IntegrationTest;
import be.subside.application.ApplicationService;
import be.subside.application.ApplicationState;
import be.subside.call.Administration;
import be.subside.call.Call;
import be.subside.identity.Organisation;
import be.subside.notification.NotificationEvent;
import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The portal in a real headless Chromium (the system's, driven by Playwright): a new applicant registers, verifies,
 * registers the organisation, fills the preliminary dossier with a partner, uploads, submits and sees the receipt and
 * the timeline, in French then Dutch; errors show in place; the dossier can be completed with the keyboard only; the
 * draft survives a closed tab and a logout; every page type passes axe with no serious or critical violation.
 * Screenshots go to target/screenshots/.
 */
@IntegrationTest
class PortalBrowserTest {

    static final String PASSWORD = "Mutualisation-2030";

    @org.junit.jupiter.api.extension.RegisterExtension
    static final SystemChromium chromium = new SystemChromium();

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    ApplicationService applications;
    @Autowired
    JdbcTemplate jdbc;

    BrowserContext context;
    Page page;
    Call call;
    Organisation lead;
    Organisation partner;

    @BeforeEach
    void openBrowser() {
        call = fixtures.openCall();
        lead = fixtures.organisation(Administration.COCOF);
        partner = fixtures.organisation(Administration.COCOM);
        fixtures.account(lead);
        context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1000, 900));
        page = context.newPage();
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    static LocatorAssertions expect(Locator locator) {
        return PlaywrightAssertions.assertThat(locator);
    }

    Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name));
    }

    Locator link(String name) {
        return page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name));
    }

    void signIn(String email, String password) {
        page.navigate(url("/portal/login"));
        page.getByLabel("Adresse e-mail").fill(email);
        page.getByLabel("Mot de passe", new Page.GetByLabelOptions().setExact(true)).fill(password);
        button("Se connecter").click();
        page.waitForURL(url("/portal"));
    }

    /** The start button of this test's call (other tests' calls are open too). */
    Locator startButton() {
        return page.getByRole(AriaRole.LISTITEM).filter(new Locator.FilterOptions()
                .setHasText("(" + call.getCode() + ")")).getByRole(AriaRole.BUTTON);
    }

    String mailedLink(String email, NotificationEvent event, String path) {
        String body = jdbc.queryForObject("select body_text from outbox_message where recipient = ? and event = ? "
                + "order by id desc limit 1", String.class, email, event.name());
        Matcher link = Pattern.compile(Pattern.quote(path) + "\\?token=[A-Za-z0-9_-]+").matcher(body);
        assertThat(link.find()).as("link in the %s mail", event).isTrue();
        return link.group();
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
    void registersVerifiesFillsUploadsAndSubmitsTheDossierWithAPartner() {
        String email = "browser-" + System.nanoTime() + "@asbl.example";
        page.navigate(url("/portal/login"));
        accessible("login");
        link("Créer un compte").click();
        accessible("register");
        page.getByLabel("Adresse e-mail").fill(email);
        page.getByLabel("Mot de passe").fill(PASSWORD);
        button("Créer mon compte").click();
        expect(page.getByRole(AriaRole.STATUS)).containsText("Si cette adresse peut recevoir un compte");
        accessible("register-done");

        page.navigate(url(mailedLink(email, NotificationEvent.ACCOUNT_VERIFICATION, "/portal/verify")));
        expect(page.getByRole(AriaRole.STATUS)).containsText("Votre adresse est confirmée");
        accessible("verify");
        signIn(email, PASSWORD);
        accessible("home-new-user");

        link("Enregistrer mon organisation").click();
        accessible("organisation-new");
        page.getByLabel("Nom de l'organisation").fill("ASBL Navigateur");
        page.getByLabel("Numéro d'entreprise (BCE)").fill(Fixtures.enterpriseNumber(900_000 + (int) (System.nanoTime() % 90_000)));
        page.getByLabel("Rue et numéro").fill("Rue du Marché 3");
        page.getByLabel("Code postal").fill("1000");
        page.getByLabel("Commune").fill("Bruxelles");
        page.getByLabel("Adresse e-mail de contact").fill(email);
        button("Enregistrer").click();
        page.waitForURL(url("/portal"));
        accessible("home");

        startButton().click();
        page.waitForURL("**/dossier");
        accessible("dossier");
        page.getByLabel("Intitulé du projet").fill("Centrale d'achat mutualisée");
        page.getByLabel("Résumé du projet").fill("Achats groupés de matériel informatique pour trois ASBL.");
        page.getByLabel("Centrales d'achat").check();
        page.getByLabel("Travail collaboratif et partage de ressources").check();
        Organisation second = fixtures.organisation(Administration.COCOF);
        page.locator("#Field_PartnerEnterpriseNumber-0").fill(second.getEnterpriseNumber());
        Locator add = button("Ajouter une ligne à « Organisations partenaires »");
        add.click();
        expect(page.locator("#Field_PartnerEnterpriseNumber-1")).isFocused();
        page.keyboard().type(partner.getEnterpriseNumber());
        button("Retirer la ligne 1 de « Organisations partenaires »").click();
        expect(page.locator("[data-list-item]")).hasCount(1);
        page.getByLabel("Montant demandé (EUR)").fill("45000");
        button("Enregistrer le brouillon").click();
        expect(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Brouillon enregistré.")))
                .isVisible();

        link("Retour au dossier").click();
        accessible("case-draft");
        page.getByLabel("Fichier pour « Statuts »").setInputFiles(new FilePayload("statuts.pdf", "application/pdf",
                Fixtures.pdf("Statuts")));
        button("Envoyer").first().click();
        expect(page.locator("[data-upload-status]")).containsText("Fichier reçu : statuts.pdf");
        expect(link("statuts.pdf")).isVisible();
        expect(page.locator("#documents-title")).isFocused();
        accessible("case-uploaded");

        link("Compléter le dossier de candidature préalable").click();
        page.locator("#Field_DeclarationAccepted").check();
        button("Introduire le dossier").click();
        page.waitForURL("**?submitted");
        expect(page.getByRole(AriaRole.STATUS).first()).containsText("Votre dossier a été introduit");
        expect(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(
                Pattern.compile("accuse-de-reception")))).isVisible();
        expect(page.locator("#timeline-title + ol")).containsText("Dossier de candidature préalable introduit");
        expect(page.locator("#timeline-title + ol")).containsText("Accusé de réception délivré");
        accessible("case-submitted");
        String reference = page.url().replaceAll(".*/applications/([^?]+).*", "$1");
        assertThat(applications.get(reference).getState()).isEqualTo(ApplicationState.STAGE1_SUBMITTED);
        assertThat(applications.get(reference).getPartners()).extracting(Organisation::getId)
                .containsExactly(partner.getId());

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Nederlands")).click();
        expect(page.locator("html")).hasAttribute("lang", "nl");
        expect(page.locator("#timeline-title")).hasText("Verloop");
        accessible("case-submitted-nl");
        page.navigate(url("/portal"));
        expect(page.locator("h2#cases-title")).hasText("Mijn dossiers");
    }

    @Test
    void showsAMissingRequiredFieldInPlaceInDutch() {
        signIn(Fixtures.user(lead), Fixtures.PASSWORD);
        page.navigate(url("/portal?lang=nl"));
        startButton().click();
        page.waitForURL("**/dossier");
        button("Het dossier indienen").click();

        expect(page.locator("html")).hasAttribute("lang", "nl");
        expect(page.getByRole(AriaRole.ALERT).first()).containsText("Het formulier bevat");
        expect(page.locator("#Field_ProjectTitle-error")).containsText("is verplicht");
        expect(page.locator("#Field_ProjectTitle")).hasAttribute("aria-describedby",
                Pattern.compile("Field_ProjectTitle-error"));
        accessible("dossier-errors-nl");
        page.locator(".error-summary a").first().click();
        expect(page.locator("#Field_ProjectTitle")).isFocused();
    }

    /**
     * Presses Tab until the element has the focus, and checks that the focus is visible. The home page lists every
     * open call of the shared test database, hence the generous bound.
     */
    void tabTo(String selector) {
        Locator target = page.locator(selector);
        for (int i = 0; i < 600; i++) {
            page.keyboard().press("Tab");
            if ((Boolean) target.evaluate("e => e === document.activeElement")) {
                String outline = (String) target.evaluate("e => getComputedStyle(e).outlineStyle");
                assertThat(outline).as("visible focus on %s", selector).isNotEqualTo("none");
                return;
            }
        }
        fail("%s cannot be reached with the Tab key", selector);
    }

    @Test
    void completesTheDossierWithTheKeyboardOnly() {
        String reference = fixtures.draft(call, lead).getReference();
        page.navigate(url("/portal/login"));
        tabTo("#email");
        page.keyboard().type(Fixtures.user(lead));
        tabTo("#password");
        page.keyboard().type(Fixtures.PASSWORD);
        page.keyboard().press("Enter");
        page.waitForURL(url("/portal"));

        tabTo("a[href='/portal/applications/" + reference + "/dossier']");
        page.keyboard().press("Enter");
        page.waitForURL("**/dossier");
        tabTo("#Field_ProjectTitle");
        page.keyboard().type("Groupement d'employeurs");
        tabTo("#Field_ProjectSummary");
        page.keyboard().type("Un groupement d'employeurs pour partager deux postes administratifs.");
        tabTo("input[value=EMPLOYER_GROUPS]");
        page.keyboard().press("Space");
        tabTo("input[value=JOB_QUALITY]");
        page.keyboard().press("Space");
        tabTo("#Field_PartnerEnterpriseNumber-0");
        page.keyboard().type(partner.getEnterpriseNumber());
        tabTo("#Field_RequestedAmount");
        page.keyboard().type("30000");
        tabTo("#Field_DeclarationAccepted");
        page.keyboard().press("Space");
        tabTo("button[value=submit]");
        page.keyboard().press("Enter");
        page.waitForURL("**?submitted");

        assertThat(applications.get(reference).getState()).isEqualTo(ApplicationState.STAGE1_SUBMITTED);
        assertThat(applications.get(reference).getTitle()).isEqualTo("Groupement d'employeurs");
        assertThat(applications.get(reference).getMeasures()).extracting(Enum::name).containsExactly("EMPLOYER_GROUPS");
    }

    @Test
    void theDraftSurvivesAClosedTabAndALogout() {
        String reference = fixtures.draft(call, lead).getReference();
        signIn(Fixtures.user(lead), Fixtures.PASSWORD);
        page.navigate(url("/portal/applications/" + reference + "/dossier"));
        page.getByLabel("Intitulé du projet").fill("Saved while typing");
        expect(page.locator("[data-autosave-status]")).containsText("enregistré automatiquement");
        assertThat(applications.get(reference).getTitle()).isEqualTo("Saved while typing");

        page.getByLabel("Résumé du projet").fill("Typed just before the tab was closed.");
        page.close(new Page.CloseOptions().setRunBeforeUnload(true));

        page = context.newPage();
        page.navigate(url("/portal"));
        button("Se déconnecter").click();
        page.waitForURL("**/portal/login?logout");
        signIn(Fixtures.user(lead), Fixtures.PASSWORD);
        page.navigate(url("/portal/applications/" + reference + "/dossier"));
        expect(page.getByLabel("Intitulé du projet")).hasValue("Saved while typing");
        expect(page.getByLabel("Résumé du projet")).hasValue("Typed just before the tab was closed.");
    }

    @Test
    void fitsAPhoneScreen() {
        String reference = fixtures.draft(call, lead).getReference();
        context.close();
        context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(360, 740).setIsMobile(true)
                .setHasTouch(true));
        page = context.newPage();
        signIn(Fixtures.user(lead), Fixtures.PASSWORD);
        for (String path : List.of("/portal", "/portal/applications/" + reference, "/portal/applications/" + reference
                + "/dossier")) {
            page.navigate(url(path));
            assertThat((Boolean) page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("%s scrolls sideways on a phone", path).isTrue();
        }
        accessible("dossier-phone");
    }

    @Test
    void everyOtherPageTypeIsAccessible() {
        String informed = fixtures.submitted(call, lead, partner, "1000").getReference();
        fixtures.informationRequested(informed, "Les statuts signés du partenaire.");
        String selected = fixtures.selected(fixtures.openCall(), lead, partner);
        signIn(Fixtures.user(lead), Fixtures.PASSWORD);

        page.navigate(url("/portal/applications/" + informed + "/information"));
        expect(page.getByLabel(Pattern.compile("Votre réponse|Réponse"))).isVisible();
        accessible("information");
        page.navigate(url("/portal/applications/" + selected + "/subsidy-request"));
        accessible("subsidy-request");
        page.navigate(url("/portal/organisations/" + lead.getId()));
        accessible("organisation-profile");
        page.navigate(url("/portal/applications/" + selected + "?lang=nl"));
        accessible("case-selected-nl");

        page.navigate(url("/portal/login?lang=fr"));
        button("Se déconnecter").click();
        link("Mot de passe oublié ?").click();
        accessible("password-forgot");
        page.getByLabel("Adresse e-mail").fill(Fixtures.user(lead));
        button("Envoyer le lien").click();
        expect(page.getByRole(AriaRole.STATUS)).containsText("Si un compte existe");
        page.navigate(url(mailedLink(Fixtures.user(lead), NotificationEvent.PASSWORD_RESET, "/portal/password/reset")));
        accessible("password-reset");
        page.getByLabel("Nouveau mot de passe").fill("Un-nouveau-mot-de-passe-2030");
        button("Enregistrer le nouveau mot de passe").click();
        expect(page.getByRole(AriaRole.STATUS)).containsText("Votre mot de passe a été changé");
        signIn(Fixtures.user(lead), "Un-nouveau-mot-de-passe-2030");
    }
}
