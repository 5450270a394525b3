package be.subside.application;

import static org.assertj.core.api.Assertions.*;

import be.subside.Fixtures;
import be.subside.IntegrationTest;
import be.subside.call.Administration;
import be.subside.call.Call;
import be.subside.identity.Organisation;
import be.subside.shared.DeadlinePassedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A submission racing the stage-1 closing of its draft (the call's deadline timer has fired; the batch that closes the
 * call's open drafts runs) either wins (submitted, left alone by the batch) or is told the deadline passed (draft closed
 * by the batch): never both, never neither.
 */
@IntegrationTest
class SubmissionDeadlineRaceTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    ApplicationService applications;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;
    @Autowired
    JdbcTemplate jdbc;

    TransactionTemplate tx;

    @Autowired
    void transactions(PlatformTransactionManager transactionManager) {
        tx = new TransactionTemplate(transactionManager);
    }

    Call call;
    Organisation lead;
    Organisation partner;

    @BeforeEach
    void open() {
        call = fixtures.openCall();
        lead = fixtures.organisation(Administration.COCOF);
        partner = fixtures.organisation(Administration.COCOF);
    }

    @Test
    void submissionOneSecondBeforeTheDeadlineWinsAndTheClosingLeavesItAlone() {
        Application draft = fixtures.draft(call, lead);
        Fixtures.setClock(Fixtures.STAGE1_DEADLINE.minusSeconds(1));

        applications.submitStage1(draft.getReference(), Fixtures.user(lead), Fixtures.stage1(partner, "1000"));
        fixtures.passStage1Deadline(call);

        assertThat(applications.get(draft.getId()).getState()).isEqualTo(ApplicationState.STAGE1_SUBMITTED);
        assertThat(passed(instance(draft), "Task_CheckAdmissibility")).isTrue();
        assertThat(passed(instance(draft), "EndEvent_DraftExpired")).isFalse();
    }

    @Test
    void submissionAtTheDeadlineIsRefusedEvenBeforeTheTimerFires() {
        Application draft = fixtures.draft(call, lead);
        Fixtures.setClock(Fixtures.STAGE1_DEADLINE);

        assertThatThrownBy(() -> applications.submitStage1(draft.getReference(), Fixtures.user(lead),
                Fixtures.stage1(partner, "1000"))).isInstanceOf(DeadlinePassedException.class)
                .hasMessageContaining("2030-04-01 00:00:00 Europe/Brussels");
        assertThat(applications.get(draft.getId()).getState()).isEqualTo(ApplicationState.DRAFT);

        fixtures.passStage1Deadline(call);
        assertThat(applications.get(draft.getId()).getState()).isEqualTo(ApplicationState.DRAFT_EXPIRED);
    }

    /**
     * Submission and closing batch start at the same instant in two threads, twenty times (a call each time, its
     * deadline timer already fired). The submission's clock reads just before the deadline, as on a node whose clock
     * is a millisecond behind. Exactly one of them takes effect.
     */
    @Test
    void submissionAndDeadlineTimerAtTheSameTimeHaveExactlyOneOutcome() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int submittedWins = 0;
        int timerWins = 0;
        try {
            for (int i = 0; i < 20; i++) {
                Call raceCall = fixtures.openCall();
                Application draft = fixtures.draft(raceCall, lead);
                Fixtures.setClock(Fixtures.STAGE1_DEADLINE.minusMillis(1));
                String timerJob = closingJob(raceCall);
                CyclicBarrier start = new CyclicBarrier(2);
                CompletableFuture<Throwable> submission = CompletableFuture.supplyAsync(() -> outcome(start, () ->
                        applications.submitStage1(draft.getReference(), Fixtures.user(lead),
                                Fixtures.stage1(partner, "1000"))), pool);
                CompletableFuture<Throwable> timer = CompletableFuture.supplyAsync(() -> outcome(start, () ->
                        management.executeJob(timerJob)), pool);
                Throwable submissionError = submission.get(60, TimeUnit.SECONDS);
                assertThat(timer.get(60, TimeUnit.SECONDS)).as("the closing batch never fails").isNull();
                fixtures.runBatches();

                ApplicationState state = applications.get(draft.getId()).getState();
                String pi = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(draft.getReference())
                        .singleResult().getId();
                boolean closedByTimer = passed(pi, "EndEvent_DraftExpired");
                boolean waitsForStaff = passed(pi, "Task_CheckAdmissibility");
                if (submissionError == null) {
                    submittedWins++;
                    assertThat(state).isEqualTo(ApplicationState.STAGE1_SUBMITTED);
                    assertThat(waitsForStaff).isTrue();
                    assertThat(closedByTimer).isFalse();
                } else {
                    timerWins++;
                    assertThat(submissionError).isInstanceOf(DeadlinePassedException.class);
                    assertThat(state).isEqualTo(ApplicationState.DRAFT_EXPIRED);
                    assertThat(closedByTimer).isTrue();
                    assertThat(waitsForStaff).isFalse();
                }
                assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(draft.getReference())
                        .activityIdIn("Task_SubmitPreliminaryDossier").count()).as("no draft process left waiting").isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(submittedWins + timerWins).isEqualTo(20);
        System.out.printf("submission won %d, timer won %d of 20 races%n", submittedWins, timerWins);
    }

    @Test
    void closingThatLocksTheCaseFirstClosesItAndTheSubmissionIsToldTheDeadlinePassed() throws Exception {
        Application draft = fixtures.draft(call, lead);
        Fixtures.setClock(Fixtures.STAGE1_DEADLINE.minusMillis(1));
        String timerJob = closingJob(call);

        Throwable submissionError = interleave(() -> management.executeJob(timerJob),
                () -> applications.submitStage1(draft.getReference(), Fixtures.user(lead), Fixtures.stage1(partner, "1000")));

        assertThat(submissionError).isInstanceOf(DeadlinePassedException.class);
        assertThat(applications.get(draft.getId()).getState()).isEqualTo(ApplicationState.DRAFT_EXPIRED);
        fixtures.runBatches();
        assertThat(passed(instance(draft), "EndEvent_DraftExpired")).isTrue();
    }

    @Test
    void submissionThatLocksTheCaseFirstWinsAndTheClosingLeavesNoTrace() throws Exception {
        Application draft = fixtures.draft(call, lead);
        Fixtures.setClock(Fixtures.STAGE1_DEADLINE.minusMillis(1));
        String timerJob = closingJob(call);

        Throwable timerError = interleave(() -> applications.submitStage1(draft.getReference(), Fixtures.user(lead),
                Fixtures.stage1(partner, "1000")), () -> management.executeJob(timerJob));

        assertThat(timerError).as("the batch waited for the case, then found it submitted").isNull();
        assertThat(applications.get(draft.getId()).getState()).isEqualTo(ApplicationState.STAGE1_SUBMITTED);
        assertThat(jdbc.queryForObject("select count(*) from audit_event where application_id = ? and type in"
                + " ('DRAFT_EXPIRED', 'MAIL_QUEUED_DRAFT_CLOSED')", Integer.class, draft.getId())).isZero();
        assertThat(passed(instance(draft), "Task_CheckAdmissibility")).isTrue();
    }

    /**
     * Runs {@code first} in a transaction kept open until {@code second}, in another thread, waits for a lock that
     * {@code first} holds; then commits {@code first} and returns what {@code second} threw (or null).
     */
    private Throwable interleave(Runnable first, Runnable second) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch firstDone = new CountDownLatch(1);
            CountDownLatch commit = new CountDownLatch(1);
            CompletableFuture<Void> one = CompletableFuture.runAsync(() -> tx.executeWithoutResult(status -> {
                first.run();
                firstDone.countDown();
                await(commit);
            }), pool);
            assertThat(firstDone.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Throwable> two = CompletableFuture.supplyAsync(() -> {
                try {
                    second.run();
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            }, pool);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (lockWaiters() == 0 && !two.isDone()) {
                assertThat(System.nanoTime()).as("second transaction waits for the first one's lock").isLessThan(until);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            assertThat(two.isDone()).as("second finished without waiting for the first").isFalse();
            commit.countDown();
            one.get(30, TimeUnit.SECONDS);
            return two.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    private int lockWaiters() {
        return jdbc.queryForObject("select count(*) from pg_stat_activity where wait_event_type = 'Lock'",
                Integer.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Throwable outcome(CyclicBarrier start, Runnable action) {
        try {
            start.await(30, TimeUnit.SECONDS);
            action.run();
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    private boolean passed(String processInstanceId, String activityId) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId).activityId(activityId)
                .list().stream().anyMatch(a -> a instanceof HistoricActivityInstance);
    }

    /** Fires the call's stage-1 deadline timer and returns the job of the first closing batch, not yet run. */
    private String closingJob(Call call) {
        String pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(call.getCode())
                .processDefinitionKey("CallForProjectsProcess").singleResult().getId();
        management.executeJob(management.createJobQuery().processInstanceId(pi).activityId("Timer_Stage1Deadline")
                .singleResult().getId());
        return management.createJobQuery().processInstanceId(pi).activityId("Task_CloseExpiredDrafts").singleResult()
                .getId();
    }

    private String instance(Application application) {
        return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(application.getReference())
                .singleResult().getId();
    }
}
