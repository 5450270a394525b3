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
 * A submission racing the stage-1 deadline timer either wins (submitted, timer gone) or is told the deadline passed
 * (draft closed by the timer): never both, never neither.
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
    void submissionOneSecondBeforeTheDeadlineWinsAndRemovesTheTimer() {
        Application draft = fixtures.draft(call, lead);
        Fixtures.setClock(Fixtures.STAGE1_DEADLINE.minusSeconds(1));

        applications.submitStage1(draft.getReference(), Fixtures.user(lead), Fixtures.stage1(partner, "1000"));

        assertThat(deadlineTimer(draft)).isNull();
        assertThat(applications.get(draft.getId()).getState()).isEqualTo(ApplicationState.STAGE1_SUBMITTED);
    }

    @Test
    void submissionAtTheDeadlineIsRefusedEvenBeforeTheTimerFires() {
        Application draft = fixtures.draft(call, lead);
        Fixtures.setClock(Fixtures.STAGE1_DEADLINE);

        assertThatThrownBy(() -> applications.submitStage1(draft.getReference(), Fixtures.user(lead),
                Fixtures.stage1(partner, "1000"))).isInstanceOf(DeadlinePassedException.class)
                .hasMessageContaining("2030-04-01 00:00:00 Europe/Brussels");
        assertThat(applications.get(draft.getId()).getState()).isEqualTo(ApplicationState.DRAFT);

        management.executeJob(deadlineTimer(draft));
        assertThat(applications.get(draft.getId()).getState()).isEqualTo(ApplicationState.DRAFT_EXPIRED);
    }

    /**
     * Submission and deadline timer start at the same instant in two threads, twenty times. The submission has checked
     * the clock before the deadline; the timer fires as the deadline strikes. Exactly one of them takes effect.
     */
    @Test
    void submissionAndDeadlineTimerAtTheSameTimeHaveExactlyOneOutcome() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int submittedWins = 0;
        int timerWins = 0;
        try {
            for (int i = 0; i < 20; i++) {
                Application draft = fixtures.draft(call, lead);
                String timerJob = deadlineTimer(draft);
                Fixtures.setClock(Fixtures.STAGE1_DEADLINE.minusMillis(1));
                CyclicBarrier start = new CyclicBarrier(2);
                CompletableFuture<Throwable> submission = CompletableFuture.supplyAsync(() -> outcome(start, () ->
                        applications.submitStage1(draft.getReference(), Fixtures.user(lead),
                                Fixtures.stage1(partner, "1000"))), pool);
                CompletableFuture<Throwable> timer = CompletableFuture.supplyAsync(() -> outcome(start, () ->
                        management.executeJob(timerJob)), pool);
                Throwable submissionError = submission.get(60, TimeUnit.SECONDS);
                timer.get(60, TimeUnit.SECONDS);

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
                assertThat(deadlineTimer(draft)).isNull();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(submittedWins + timerWins).isEqualTo(20);
        System.out.printf("submission won %d, timer won %d of 20 races%n", submittedWins, timerWins);
    }

    @Test
    void timerThatLocksTheCaseFirstClosesItAndTheSubmissionIsToldTheDeadlinePassed() throws Exception {
        Application draft = fixtures.draft(call, lead);
        String timerJob = deadlineTimer(draft);
        Fixtures.setClock(Fixtures.STAGE1_DEADLINE.minusMillis(1));

        Throwable submissionError = interleave(() -> management.executeJob(timerJob),
                () -> applications.submitStage1(draft.getReference(), Fixtures.user(lead), Fixtures.stage1(partner, "1000")));

        assertThat(submissionError).isInstanceOf(DeadlinePassedException.class);
        assertThat(applications.get(draft.getId()).getState()).isEqualTo(ApplicationState.DRAFT_EXPIRED);
        assertThat(deadlineTimer(draft)).isNull();
    }

    @Test
    void submissionThatLocksTheCaseFirstWinsAndTheTimerLeavesNoTrace() throws Exception {
        Application draft = fixtures.draft(call, lead);
        String timerJob = deadlineTimer(draft);
        Fixtures.setClock(Fixtures.STAGE1_DEADLINE.minusMillis(1));

        Throwable timerError = interleave(() -> applications.submitStage1(draft.getReference(), Fixtures.user(lead),
                Fixtures.stage1(partner, "1000")), () -> management.executeJob(timerJob));

        assertThat(timerError).isNotNull();
        assertThat(applications.get(draft.getId()).getState()).isEqualTo(ApplicationState.STAGE1_SUBMITTED);
        assertThat(deadlineTimer(draft)).isNull();
        assertThat(management.createJobQuery().jobId(timerJob).count()).isZero();
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

    private String deadlineTimer(Application application) {
        var pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(application.getReference()).singleResult();
        if (pi == null) {
            return null;
        }
        var job = management.createJobQuery().processInstanceId(pi.getId()).activityId("Timer_Stage1Deadline")
                .singleResult();
        return job == null ? null : job.getId();
    }
}
