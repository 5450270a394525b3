package be.subside.portal;

import static org.assertj.core.api.Assertions.*;

import be.subside.Fixtures;
import be.subside.IntegrationTest;
import be.subside.call.Administration;
import be.subside.identity.Organisation;
import be.subside.identity.OrganisationService;
import be.subside.notification.NotificationEvent;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** An organisation's profile and members in the portal: its administrator invites, corrects, removes; nobody else. */
@IntegrationTest
class PortalOrganisationTest {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    OrganisationService organisations;
    @Autowired
    JdbcTemplate jdbc;

    Organisation organisation;
    String profile;

    @BeforeEach
    void administrator() {
        organisation = fixtures.organisation(Administration.COCOF);
        fixtures.account(organisation);
        profile = "/portal/organisations/" + organisation.getId();
    }

    Map<String, Object> row() {
        return jdbc.queryForMap("select name, street, postal_code, contact_email, contact_email_problem, language,"
                + " enterprise_number, competent_administration from organisation where id = ?", organisation.getId());
    }

    List<String> members() {
        return jdbc.queryForList("select user_id from organisation_member where organisation_id = ? order by id",
                String.class, organisation.getId());
    }

    @Test
    void anInvitedColleagueRegistersWithTheAddressAndActsForTheOrganisation() throws Exception {
        PortalClient admin = new PortalClient(port).signIn(organisation);
        String colleague = "colleague-" + System.nanoTime() + "@asbl.example";

        HttpResponse<String> invited = admin.post(profile, profile + "/members", List.of("email", " " + colleague.toUpperCase()));
        assertThat(PortalCaseTest.location(invited)).endsWith(profile + "#members");
        assertThat(admin.get(profile).body()).contains(colleague, "a été invité");
        assertThat(members()).containsExactly(Fixtures.user(organisation), colleague);
        String mail = jdbc.queryForObject("select body_text from outbox_message where recipient = ? and event = ?",
                String.class, colleague, NotificationEvent.COLLEAGUE_INVITED.name());
        assertThat(mail).contains(organisation.getName(), Fixtures.user(organisation), "/portal/register");

        HttpResponse<String> again = admin.post(profile, profile + "/members", List.of("email", colleague));
        assertThat(again.body()).contains("id=\"inviteEmail-error\"", "déjà membre");
        assertThat(members()).hasSize(2);

        PortalClient newcomer = new PortalClient(port);
        newcomer.post("/portal/register", "/portal/register", List.of("email", colleague, "password", "Mutualisation-2030"));
        String body = jdbc.queryForObject("select body_text from outbox_message where recipient = ? and event = ?",
                String.class, colleague, NotificationEvent.ACCOUNT_VERIFICATION.name());
        Matcher link = Pattern.compile("/portal/verify\\?token=[A-Za-z0-9_-]+").matcher(body);
        assertThat(link.find()).isTrue();
        newcomer.get(link.group());
        newcomer.signIn(colleague, "Mutualisation-2030");
        String home = newcomer.get("/portal").body();
        assertThat(home).contains("Mes organisations", organisation.getName());

        String asMember = newcomer.get(profile).body();
        assertThat(asMember).contains(organisation.getName(), Fixtures.user(organisation))
                .doesNotContain("name=\"contactEmail\"", "Inviter");
        assertThat(newcomer.post(profile, profile + "/members", List.of("email", "third@asbl.example")).statusCode())
                .as("only administrators invite").isEqualTo(403);
        assertThat(newcomer.post(profile, profile + "/members/remove", List.of("userId", Fixtures.user(organisation)))
                .statusCode()).isEqualTo(403);
        assertThat(members()).containsExactly(Fixtures.user(organisation), colleague);

        admin.post(profile, profile + "/members/remove", List.of("userId", colleague));
        assertThat(members()).containsExactly(Fixtures.user(organisation));
        assertThat(newcomer.get(profile).statusCode()).as("a removed colleague sees nothing").isEqualTo(403);
    }

    @Test
    void theAdministratorCorrectsTheProfileAndBadInputChangesNothing() throws Exception {
        organisations.reportContactProblem(organisation.getId(), "550 5.1.1 mailbox unavailable");
        PortalClient admin = new PortalClient(port).signIn(organisation);
        String page = admin.get(profile).body();
        assertThat(page).contains(be.subside.identity.EnterpriseNumber.format(organisation.getEnterpriseNumber()),
                "550 5.1.1 mailbox unavailable", "name=\"contactEmail\"");
        Map<String, Object> before = row();

        String outside = admin.post(profile, profile, List.of("name", "ASBL Renommée", "legalForm", "ASBL_VZW",
                "street", "Rue Neuve 1", "postalCode", "2000", "municipality", "Anvers", "language", "NL",
                "contactEmail", "new@asbl.example")).body();
        assertThat(outside).contains("id=\"postalCode-error\"", "Région de Bruxelles-Capitale", "value=\"Rue Neuve 1\"");
        assertThat(row()).isEqualTo(before);

        HttpResponse<String> saved = admin.post(profile, profile, List.of("name", "ASBL Renommée", "legalForm", "FOUNDATION",
                "street", "Rue Neuve 1", "postalCode", "1000", "municipality", "Bruxelles", "language", "NL",
                "contactEmail", "new@asbl.example", "enterpriseNumber", "0202.239.951",
                "competentAdministration", "COCOM"));
        assertThat(PortalCaseTest.location(saved)).endsWith("?saved");
        Map<String, Object> after = row();
        assertThat(after).containsEntry("name", "ASBL Renommée").containsEntry("postal_code", "1000")
                .containsEntry("contact_email", "new@asbl.example").containsEntry("language", "NL");
        assertThat(after.get("contact_email_problem")).as("a new address clears the problem").isNull();
        assertThat(after.get("enterprise_number")).as("not changeable here").isEqualTo(before.get("enterprise_number"));
        assertThat(after.get("competent_administration")).isEqualTo(before.get("competent_administration"));
    }

    @Test
    void theLastAdministratorStaysAndStrangersGetNothing() throws Exception {
        PortalClient admin = new PortalClient(port).signIn(organisation);
        admin.post(profile, profile + "/members/remove", List.of("userId", Fixtures.user(organisation)));
        assertThat(admin.get(profile).body()).contains("au moins un administrateur")
                .as("no remove button for oneself").doesNotContain("Retirer " + Fixtures.user(organisation));
        assertThat(members()).containsExactly(Fixtures.user(organisation));

        Organisation other = fixtures.organisation(Administration.COCOM);
        fixtures.account(other);
        PortalClient stranger = new PortalClient(port).signIn(other);
        Map<String, Object> before = row();
        assertThat(stranger.get(profile).statusCode()).isEqualTo(403);
        assertThat(stranger.get("/portal/organisations/999999999").statusCode()).isEqualTo(403);
        assertThat(stranger.post("/portal", profile, List.of("name", "Hijacked", "legalForm", "ASBL_VZW",
                "street", "x", "postalCode", "1000", "municipality", "x", "language", "FR",
                "contactEmail", "evil@example.org")).statusCode()).isEqualTo(403);
        assertThat(stranger.post("/portal", profile + "/members", List.of("email", "evil@example.org")).statusCode())
                .isEqualTo(403);
        assertThat(stranger.post("/portal", profile + "/members/remove", List.of("userId", Fixtures.user(organisation)))
                .statusCode()).isEqualTo(403);
        assertThat(row()).isEqualTo(before);
        assertThat(members()).containsExactly(Fixtures.user(organisation));
        assertThat(jdbc.queryForObject("select count(*) from outbox_message where recipient = 'evil@example.org'",
                Integer.class)).isZero();
    }
}
