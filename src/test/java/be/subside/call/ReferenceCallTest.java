package be.subside.call;

import static org.assertj.core.api.Assertions.*;

import be.subside.Fixtures;
import be.subside.IntegrationTest;
import be.subside.application.Application;
import be.subside.application.ApplicationService;
import be.subside.identity.Organisation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The seeded reference call and the JPA mappings, read back from PostgreSQL. */
@IntegrationTest
class ReferenceCallTest {

    @Autowired
    CallService calls;
    @Autowired
    ApplicationService applications;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void referenceCallHoldsTheFactsOfTheCallText() {
        Call call = calls.get("ANM-2024-2025");
        assertThat(call.getFunders()).containsExactlyInAnyOrder(Administration.COCOF, Administration.COCOM);
        assertThat(call.getMeasures()).hasSize(6).containsExactlyInAnyOrder(Measure.values());
        assertThat(call.getAims()).hasSize(5).containsExactlyInAnyOrder(Aim.values());
        assertThat(call.getStage1Deadline()).isEqualTo(Instant.parse("2024-04-01T22:00:00Z"));
        assertThat(call.getStage2Deadline()).isEqualTo(Instant.parse("2024-04-25T22:00:00Z"));
        assertThat(call.getTitleFr()).contains("Mutualisations ANM 2024-2025");
        assertThat(call.getTitleNl()).isNotBlank();
        assertThat(call.requiredDocuments(Stage.STAGE1)).extracting(RequiredDocument::slot)
                .containsExactly("APPLICATION_FORM", "PARTNER_COMMITMENT", "STATUTES");
        assertThat(call.requiredDocuments(Stage.STAGE2)).extracting(RequiredDocument::slot)
                .containsExactly("DETAILED_BUDGET", "ANNUAL_ACCOUNTS", "BANK_CERTIFICATE");
        assertThat(call.requiredDocuments(Stage.STAGE1).get(1).onePerPartner()).isTrue();
        assertThat(call.getState()).isEqualTo(CallState.DRAFT);
    }

    @Test
    void liveCopyKeepsTheTwentyFourDaysBetweenStagesAcrossDaylightSaving() {
        Call copy = calls.get("ANM-2024-2025").copyAs("COPY-DST", "CDST", " (copie)", LocalDate.of(2030, 3, 20));
        assertThat(copy.getStage1Deadline()).isEqualTo(Instant.parse("2030-03-20T23:00:00Z"));
        assertThat(copy.getStage2Deadline()).isEqualTo(Instant.parse("2030-04-13T22:00:00Z"));
        assertThat(copy.getRequiredDocuments()).hasSize(6);
        assertThat(copy.getBudgetEnvelope()).isEqualByComparingTo("1500000");
    }

    @Test
    void caseMappingsRoundTripThroughPostgres() {
        Call call = fixtures.openCall();
        Organisation lead = fixtures.organisation(Administration.COCOF);
        Organisation partner = fixtures.organisation(Administration.COCOM);
        Application submitted = fixtures.submitted(call, lead, partner, "1234.56");
        Application read = applications.get(submitted.getReference());
        assertThat(read.getReference()).isEqualTo(call.getReferencePrefix() + "-0001");
        assertThat(read.getRequestedAmount()).isEqualByComparingTo(new BigDecimal("1234.56"));
        assertThat(read.getMeasures()).containsExactly(Measure.PURCHASING_CENTRALS);
        assertThat(read.getAims()).containsExactly(Aim.COLLABORATIVE_WORK);
        assertThat(read.getPartners()).extracting(Organisation::getEnterpriseNumber)
                .containsExactly(partner.getEnterpriseNumber());
        assertThat(read.getLeadOrganisation().getCompetentAdministration()).isEqualTo(Administration.COCOF);
        assertThat(read.getStage2()).isNull();
        assertThat(jdbc.queryForObject("select stage1_submitted_at = timestamp with time zone '2030-03-01 09:00:00+00'"
                + " from application where id = ?", Boolean.class, read.getId())).isTrue();
    }
}
