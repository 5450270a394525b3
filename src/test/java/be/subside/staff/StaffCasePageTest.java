package be.subside.staff;

import static org.assertj.core.api.Assertions.*;

import be.subside.Fixtures;
import be.subside.IntegrationTest;
import be.subside.StaffUsers;
import be.subside.application.ApplicationService;
import be.subside.call.Administration;
import be.subside.call.Call;
import be.subside.identity.EnterpriseNumber;
import be.subside.identity.Organisation;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The case page staff open from their Tasklist forms: what was submitted, the documents, the timeline; theirs only. */
@IntegrationTest
class StaffCasePageTest {

    static final String PASSWORD = "Case-page-password-1";

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    ApplicationService applications;
    @Autowired
    IdentityService identity;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> get(String path, String user, String password) throws Exception {
        return http.send(be.subside.BasicAuth.request(port, path, user, password).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void staffOfTheCompetentAdministrationSeeTheWholeCaseAndNobodyElseDoes() throws Exception {
        StaffUsers.ensure(identity, "page-cocof", "staff-cocof", PASSWORD);
        StaffUsers.ensure(identity, "page-cocom", "staff-cocom", PASSWORD);
        Call call = fixtures.openCall();
        Organisation lead = fixtures.organisation(Administration.COCOF);
        Organisation partner = fixtures.organisation(Administration.COCOM);
        fixtures.account(lead);
        String reference = fixtures.draft(call, lead).getReference();
        applications.submitStage1(reference, Fixtures.user(lead), new be.subside.application.Stage1Content(
                "Centrale <b>d'achat</b>", "Achats groupés <script>alert(1)</script>",
                java.util.Set.of(be.subside.call.Measure.PURCHASING_CENTRALS),
                java.util.Set.of(be.subside.call.Aim.COLLABORATIVE_WORK), java.util.List.of(partner.getEnterpriseNumber()),
                new java.math.BigDecimal("45000")));

        HttpResponse<String> page = get("/staff/cases/" + reference, "page-cocof", PASSWORD);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(reference, "Centrale &lt;b&gt;d&#39;achat&lt;/b&gt;",
                "Achats groupés &lt;script&gt;alert(1)&lt;/script&gt;", lead.getName(), partner.getName(),
                EnterpriseNumber.format(partner.getEnterpriseNumber()), "45000", "statuts.pdf", "STAGE1_SUBMITTED",
                "DRAFT_STARTED", "RECEIPT_ISSUED", Fixtures.user(lead), "Europe/Brussels")
                .doesNotContain("<script>alert(1)", "<b>d'achat");

        HttpResponse<String> embedded = get("/staff/cases/" + reference + "/embedded", "page-cocof", PASSWORD);
        assertThat(embedded.statusCode()).isEqualTo(200);
        assertThat(embedded.body()).as("compact, its links in a new tab: it is framed in Tasklist's forms")
                .contains("class=\"embedded\"", reference, lead.getName(), "statuts.pdf", "RECEIPT_ISSUED",
                        "target=\"_blank\"");
        assertThat(page.body()).doesNotContain("target=\"_blank\"");

        assertThat(get("/staff/cases/" + reference, "page-cocom", PASSWORD).statusCode()).as("other administration")
                .isEqualTo(404);
        HttpResponse<String> foreign = get("/staff/cases/" + reference + "/embedded", "page-cocom", PASSWORD);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).contains("autre administration").doesNotContain(reference, lead.getName(),
                "statuts.pdf");
        assertThat(get("/staff/cases/ANM-1999-0001", "page-cocof", PASSWORD).statusCode()).isEqualTo(404);
        assertThat(get("/staff/cases/" + reference, null, null).statusCode()).isEqualTo(401);
        assertThat(get("/staff/cases/" + reference, Fixtures.user(lead), Fixtures.PASSWORD).statusCode())
                .as("an applicant is not staff, even for their own case").isEqualTo(403);
    }
}
