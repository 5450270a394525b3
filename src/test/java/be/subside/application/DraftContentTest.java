package be.subside.application;

import static org.assertj.core.api.Assertions.assertThat;

import be.subside.BenchSupport;
import be.subside.Fixtures;
import be.subside.IntegrationTest;
import be.subside.call.Administration;
import be.subside.call.Aim;
import be.subside.call.Call;
import be.subside.call.Measure;
import be.subside.identity.Organisation;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A draft saved again and again (the portal autosaves every few seconds) holds exactly what was saved last: measures,
 * aims and partners in their order, and a save that changes none of them writes none of their rows again.
 */
@IntegrationTest
class DraftContentTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    ApplicationService applications;

    Organisation lead;
    Organisation first;
    Organisation second;
    String reference;

    @BeforeEach
    void setUp() {
        Call call = fixtures.openCall();
        lead = fixtures.organisation(Administration.COCOF);
        first = fixtures.organisation(Administration.COCOM);
        second = fixtures.organisation(Administration.COCOF);
        reference = fixtures.draft(call, lead).getReference();
    }

    @Test
    void holdsWhatWasSavedLast() {
        save(Set.of(Measure.MOBILE_TEAMS, Measure.EMPLOYER_GROUPS), Set.of(Aim.JOB_QUALITY), first, second);
        assertSaved(Set.of(Measure.MOBILE_TEAMS, Measure.EMPLOYER_GROUPS), Set.of(Aim.JOB_QUALITY), first, second);

        save(Set.of(Measure.EMPLOYER_GROUPS), Set.of(Aim.COLLABORATIVE_WORK, Aim.JOB_QUALITY), second, first);
        assertSaved(Set.of(Measure.EMPLOYER_GROUPS), Set.of(Aim.COLLABORATIVE_WORK, Aim.JOB_QUALITY), second, first);

        save(Set.of(Measure.SUPPORT_FUNCTIONS), Set.of(Aim.INTERSECTORAL_LINKS), second);
        assertSaved(Set.of(Measure.SUPPORT_FUNCTIONS), Set.of(Aim.INTERSECTORAL_LINKS), second);

        save(Set.of(), Set.of());
        assertSaved(Set.of(), Set.of());
    }

    @Test
    void anUnchangedSaveLeavesMeasuresAimsAndPartnersAlone() throws Exception {
        save(Set.of(Measure.MOBILE_TEAMS), Set.of(Aim.JOB_QUALITY), first, second);

        Map<String, Integer> statements = BenchSupport.statements(() -> {
            save(Set.of(Measure.MOBILE_TEAMS), Set.of(Aim.JOB_QUALITY), first, second);
            return null;
        });

        assertThat(statements).as("a save with the same collections").containsKey("jpa update application")
                .doesNotContainKeys(Stream.of("application_measure", "application_aim", "application_partner")
                        .flatMap(table -> Stream.of("jpa insert " + table, "jpa delete " + table, "jpa update " + table))
                        .toArray(String[]::new));
        assertSaved(Set.of(Measure.MOBILE_TEAMS), Set.of(Aim.JOB_QUALITY), first, second);
    }

    private void save(Set<Measure> measures, Set<Aim> aims, Organisation... partners) {
        // a new title each time, so that the case itself always changes
        applications.saveStage1Draft(reference, Fixtures.user(lead), new Stage1Content("Titre " + System.nanoTime(),
                "Résumé", measures, aims, Stream.of(partners).map(Organisation::getEnterpriseNumber).toList(),
                new BigDecimal("1000")));
    }

    private void assertSaved(Set<Measure> measures, Set<Aim> aims, Organisation... partners) {
        Application read = applications.get(reference);
        assertThat(read.getMeasures()).containsExactlyInAnyOrderElementsOf(measures);
        assertThat(read.getAims()).containsExactlyInAnyOrderElementsOf(aims);
        assertThat(read.getPartners()).extracting(Organisation::getId)
                .containsExactlyElementsOf(Stream.of(partners).map(Organisation::getId).toList());
    }
}
