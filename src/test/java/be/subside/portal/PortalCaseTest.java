package be.subside.portal;

import static org.assertj.core.api.Assertions.*;

import be.subside.Fixtures;
import be.subside.IntegrationTest;
import be.subside.application.ApplicationService;
import be.subside.application.ApplicationState;
import be.subside.call.Administration;
import be.subside.call.Call;
import be.subside.identity.Organisation;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An applicant's case through the portal over HTTP: start, fill the dossier, upload, submit, receipt, ownership. */
@IntegrationTest
class PortalCaseTest {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    ApplicationService applications;
    @Autowired
    be.subside.audit.AuditTrail audit;

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

    static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow().replaceAll("^https?://[^/]+", "");
    }

    @Test
    void fillsUploadsSubmitsAndGetsTheReceipt() throws Exception {
        PortalClient browser = new PortalClient(port).signIn(lead);
        assertThat(browser.get("/portal").body()).contains(call.getTitleFr(), "Commencer une candidature");

        HttpResponse<String> started = browser.post("/portal", "/portal/calls/" + call.getCode() + "/applications",
                List.of("organisationId", lead.getId().toString()));
        String dossier = location(started);
        String reference = dossier.replaceAll(".*/applications/([^/]+)/dossier", "$1");
        HttpResponse<String> form = browser.get(dossier);
        assertThat(form.body()).contains("<label for=\"Field_ProjectTitle\"", "name=\"projectTitle\"", "Centrales d");

        HttpResponse<String> incomplete = browser.post(dossier, dossier, List.of("action", "submit",
                "projectTitle", "Centrale d'achat", "requestedAmount", "-3"));
        assertThat(incomplete.statusCode()).isEqualTo(200);
        assertThat(incomplete.body()).contains("role=\"alert\"", "Field_ProjectSummary-error", "aria-invalid=\"true\"",
                "value=\"Centrale d&#39;achat\"");
        assertThat(applications.get(reference).getTitle()).as("a refused submission stores nothing").isNull();

        List<String> complete = List.of("projectTitle", "Centrale d'achat <b>mutualisée</b>", "projectSummary",
                "Achats groupés pour trois ASBL.", "measures", "PURCHASING_CENTRALS", "aims", "COLLABORATIVE_WORK",
                "partners[0].enterpriseNumber", partner.getEnterpriseNumber(), "requestedAmount", "45000,50",
                "declarationAccepted", "true");
        HttpResponse<String> saved = browser.post(dossier, dossier, concat(List.of("action", "save"), complete));
        assertThat(location(saved)).endsWith("/dossier?saved");
        assertThat(applications.get(reference).getTitle()).isEqualTo("Centrale d'achat <b>mutualisée</b>");
        assertThat(browser.get(dossier).body()).contains("Centrale d&#39;achat &lt;b&gt;mutualisée&lt;/b&gt;")
                .doesNotContain("<b>mutualisée</b>");

        HttpResponse<String> missingDocuments = browser.post(dossier, dossier, concat(List.of("action", "submit"), complete));
        assertThat(missingDocuments.body()).contains("Statuts / Statuten");
        assertThat(applications.get(reference).getState()).isEqualTo(ApplicationState.DRAFT);

        assertThat(location(browser.upload(reference, "STATUTES", null, "statuts.pdf", Fixtures.pdf("statuts"))))
                .endsWith("#documents");
        assertThat(browser.get("/portal/applications/" + reference).body()).contains("statuts.pdf");

        HttpResponse<String> submitted = browser.post(dossier, dossier, concat(List.of("action", "submit"), complete));
        assertThat(location(submitted)).endsWith("/portal/applications/" + reference + "?submitted");
        String page = browser.get(location(submitted)).body();
        assertThat(page).contains("Votre dossier a été introduit", "accuse-de-reception-ontvangstbewijs",
                "Dossier de candidature préalable introduit", "Accusé de réception délivré");
        Matcher receipt = Pattern.compile("href=\"(/portal/documents/\\d+)\">accuse-de-reception").matcher(page);
        assertThat(receipt.find()).isTrue();
        HttpResponse<byte[]> pdf = browser.bytes(receipt.group(1));
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(applications.get(reference).getState()).isEqualTo(ApplicationState.STAGE1_SUBMITTED);

        // the same submission again (a double click, a second tab): refused, one submission only
        HttpResponse<String> again = browser.post(dossier, dossier, concat(List.of("action", "submit"), complete));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("n&#39;a pas pu être introduit");
        assertThat(audit.caseTimeline(applications.get(reference).getId())).filteredOn(e -> e.getType()
                .equals("STAGE1_SUBMITTED")).hasSize(1);
    }

    @Test
    void answersARequestForMissingInformation() throws Exception {
        String reference = fixtures.submitted(call, lead, partner, "1000").getReference();
        fixtures.informationRequested(reference, "Les statuts <signés> du partenaire.");
        PortalClient browser = new PortalClient(port).signIn(lead);

        assertThat(browser.get("/portal/applications/" + reference).body()).contains("/information");
        assertThat(browser.get("/portal").body()).contains("Fournir les informations demandées",
                "avant le lundi 11 mars 2030 à 24:00", "/portal/applications/" + reference + "/information");
        String page = "/portal/applications/" + reference + "/information";
        String form = browser.get(page).body();
        assertThat(form).contains("Les statuts &lt;signés&gt; du partenaire.", "11 mars 2030 à 24:00",
                "name=\"missingInformationResponse\"");

        HttpResponse<String> empty = browser.post(page, page, List.of("missingInformationResponse", " "));
        assertThat(empty.body()).contains("role=\"alert\"", "-error\"");
        assertThat(applications.get(reference).getState()).isEqualTo(ApplicationState.INFORMATION_REQUESTED);

        HttpResponse<String> answered = browser.post(page, page, List.of("missingInformationResponse",
                "Voici les statuts signés, déposés ce jour."));
        assertThat(location(answered)).endsWith("?informed");
        assertThat(applications.get(reference).getState()).isEqualTo(ApplicationState.STAGE1_SUBMITTED);
        assertThat(applications.informationRequests(applications.get(reference).getId()).get(0).getResponseText())
                .isEqualTo("Voici les statuts signés, déposés ce jour.");
        assertThat(browser.get(page).body()).contains("Aucune demande d&#39;information n&#39;est ouverte");
    }

    /** Drives a case through the staff steps and the committee until it is selected. */
    String selectedCase() {
        String reference = fixtures.selected(call, lead, partner);
        assertThat(applications.get(reference).getState()).isEqualTo(ApplicationState.SELECTED);
        return reference;
    }

    @Test
    void submitsTheSubsidyRequestOnceSelected() throws Exception {
        String reference = selectedCase();
        PortalClient browser = new PortalClient(port).signIn(lead);
        assertThat(browser.get("/portal").body()).contains("Introduire la demande de subvention",
                "/portal/applications/" + reference + "/subsidy-request", "24 avril 2030 à 24:00");
        String page = "/portal/applications/" + reference + "/subsidy-request";
        List<String> request = List.of("detailedBudgetTotal", "150000", "requestedAmount", "80000",
                "projectStartDate", "2030-06-01", "durationMonths", "24", "staffFte", "2,5",
                "workPlan", "Achats groupés, puis déploiement chez chaque partenaire.");

        HttpResponse<String> draft = browser.post(page, page, List.of("action", "save", "requestedAmount", "70000",
                "workPlan", "Premier jet du plan de travail."));
        assertThat(location(draft)).endsWith("/subsidy-request?saved");
        assertThat(applications.get(reference).getState()).isEqualTo(ApplicationState.SELECTED);
        assertThat(browser.get(page).body()).contains("value=\"70000.00\"", "Premier jet du plan de travail.");
        HttpResponse<String> outOfRange = browser.postFromScript(page, page + "/draft", List.of("durationMonths", "99",
                "workPlan", "Deuxième jet."));
        assertThat(outOfRange.statusCode()).isEqualTo(422);
        assertThat(outOfRange.body()).contains("Field_DurationMonths", "au plus 36");
        assertThat(applications.get(reference).getStage2().workPlan()).isEqualTo("Premier jet du plan de travail.");
        assertThat(browser.postFromScript(page, page + "/draft", List.of("requestedAmount", "75000", "workPlan",
                "Deuxième jet.")).statusCode()).isEqualTo(200);
        assertThat(applications.get(reference).getStage2().workPlan()).isEqualTo("Deuxième jet.");

        HttpResponse<String> missing = browser.post(page, page, request);
        assertThat(missing.body()).contains("Budget détaillé / Gedetailleerde begroting");
        assertThat(browser.get("/portal/applications/" + reference).body()).contains("name=\"stage\" value=\"STAGE2\"");
        assertThat(location(browser.upload(reference, "DETAILED_BUDGET", null, "budget.pdf", Fixtures.pdf("budget"))))
                .endsWith("#documents");
        assertThat(applications.get(reference).getState()).isEqualTo(ApplicationState.SELECTED);

        HttpResponse<String> submitted = browser.post(page, page, request);
        assertThat(location(submitted)).endsWith("?submitted");
        assertThat(applications.get(reference).getState()).isEqualTo(ApplicationState.STAGE2_SUBMITTED);
        assertThat(applications.get(reference).getStage2().staffFte()).isEqualByComparingTo("2.5");
        assertThat(browser.get(location(submitted)).body()).contains("stage1.pdf", "stage2.pdf",
                "Demande de subvention introduite");
    }

    @Test
    void theDossierSavesItselfAsTheApplicantTypesWithoutOneAuditEntryPerSave() throws Exception {
        String reference = fixtures.draft(call, lead).getReference();
        String dossier = "/portal/applications/" + reference + "/dossier";
        PortalClient browser = new PortalClient(port).signIn(lead);
        assertThat(browser.get(dossier).body()).contains("data-autosave=\"" + dossier + "/draft\"",
                "portal.js");
        int auditBefore = audit.caseTimeline(applications.get(reference).getId()).size();

        HttpResponse<String> saved = browser.postFromScript(dossier, dossier + "/draft",
                List.of("projectTitle", "Typed so far", "requestedAmount", "1200", "action", "submit"));
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).contains("\"saved\":true");
        assertThat(applications.get(reference).getTitle()).isEqualTo("Typed so far");
        assertThat(applications.get(reference).getState()).as("an autosave never submits").isEqualTo(ApplicationState.DRAFT);
        assertThat(audit.caseTimeline(applications.get(reference).getId())).hasSize(auditBefore);

        HttpResponse<String> invalid = browser.postFromScript(dossier, dossier + "/draft",
                List.of("projectTitle", "Changed", "requestedAmount", "douze"));
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.body()).contains("Field_RequestedAmount");
        assertThat(applications.get(reference).getTitle()).as("nothing saved").isEqualTo("Typed so far");

        HttpResponse<String> noCsrf = browser.http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + dossier + "/draft"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("projectTitle=Forged")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noCsrf.statusCode()).isEqualTo(403);

        Organisation stranger = fixtures.organisation(Administration.COCOF);
        fixtures.account(stranger);
        assertThat(new PortalClient(port).signIn(stranger).postFromScript("/portal", dossier + "/draft",
                List.of("projectTitle", "Hijacked")).statusCode()).isEqualTo(403);
        assertThat(applications.get(reference).getTitle()).isEqualTo("Typed so far");

        String submitted = fixtures.submitted(call, lead, partner, "30000").getReference();
        HttpResponse<String> late = browser.postFromScript("/portal", "/portal/applications/" + submitted
                + "/dossier/draft", List.of("projectTitle", "After submission"));
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(applications.get(submitted).getTitle()).isNotEqualTo("After submission");
    }

    @Test
    void anotherOrganisationsUserGetsNothingAndChangesNothing() throws Exception {
        String reference = fixtures.draft(call, lead).getReference();
        Organisation stranger = fixtures.organisation(Administration.COCOF);
        fixtures.account(stranger);
        PortalClient browser = new PortalClient(port).signIn(stranger);

        assertThat(browser.get("/portal/applications/" + reference).statusCode()).isEqualTo(403);
        assertThat(browser.get("/portal/applications/" + reference + "/dossier").statusCode()).isEqualTo(403);
        assertThat(browser.get("/portal/applications/" + reference + "/information").statusCode()).isEqualTo(403);
        assertThat(browser.get("/portal/applications/ANM-1999-0001").statusCode()).isEqualTo(403);
        assertThat(browser.post("/portal", "/portal/applications/" + reference + "/dossier",
                List.of("action", "save", "projectTitle", "Hijacked")).statusCode()).isEqualTo(403);
        assertThat(browser.upload(reference, "STATUTES", null, "x.pdf", Fixtures.pdf("x")).statusCode()).isIn(302, 403);
        assertThat(browser.post("/portal", "/portal/calls/" + call.getCode() + "/applications",
                List.of("organisationId", lead.getId().toString())).statusCode()).isEqualTo(403);
        assertThat(applications.get(reference).getTitle()).isNull();
        assertThat(applications.mine(Fixtures.user(stranger))).isEmpty();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).collect(Collectors.toList());
    }
}
