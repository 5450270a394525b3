package be.subside.call;

import static org.assertj.core.api.Assertions.*;

import be.subside.Fixtures;
import be.subside.IntegrationTest;
import be.subside.application.ApplicationState;
import be.subside.application.ApplicationService;
import be.subside.identity.Organisation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Many applicants start drafts on one call at the same moment (the last days before a deadline): every one gets its
 * draft with a reference of its own. The call's counter used to clash on the call's optimistic version.
 */
@IntegrationTest
class ConcurrentDraftsTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    ApplicationService applications;

    @Test
    void draftsStartedAtOnceOnOneCallEachGetTheirOwnReference() throws Exception {
        Call call = fixtures.openCall();
        List<Organisation> leads = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            leads.add(fixtures.organisation(Administration.COCOF));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> starts = new ArrayList<>();
            for (Organisation lead : leads) {
                for (int i = 0; i < 2; i++) {
                    starts.add(() -> applications.startDraft(call.getCode(), lead.getId(), Fixtures.user(lead))
                            .getReference());
                }
            }
            List<String> references = new ArrayList<>();
            for (Future<String> started : pool.invokeAll(starts)) {
                references.add(started.get());
            }
            assertThat(references).hasSize(32).doesNotHaveDuplicates();
            assertThat(references).allSatisfy(reference -> assertThat(applications.get(reference).getState())
                    .isEqualTo(ApplicationState.DRAFT));
        } finally {
            pool.shutdownNow();
        }
    }
}
