package be.subside.fault;

import be.subside.Fixtures;
import be.subside.SubsideApplication;
import be.subside.application.ApplicationService;
import be.subside.call.Administration;
import be.subside.call.Aim;
import be.subside.call.Call;
import be.subside.call.CallService;
import be.subside.call.Measure;
import be.subside.call.RequiredDocument;
import be.subside.call.Stage;
import be.subside.identity.Organisation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Test data made through the application's own services, in the test's JVM, before the application under test runs:
 * the same code on the same database, with its job executor and mail dispatcher off so that it executes nothing of
 * its own. It also creates the schema (Flyway, Camunda) and the deployment the nodes then find.
 */
final class Seeder implements AutoCloseable {

    private static final AtomicInteger calls = new AtomicInteger();

    private final ConfigurableApplicationContext context;
    final Fixtures fixtures;

    Seeder(String jdbcUrl, String... properties) {
        List<String> args = new ArrayList<>(List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres", "--server.port=0",
                "--camunda.bpm.job-execution.enabled=false", "--subside.notifications.dispatcher.enabled=false",
                "--subside.notifications.staff-digest.cron=-", "--camunda.bpm.admin-user.id=" + AppNode.ADMIN,
                "--camunda.bpm.admin-user.password=" + AppNode.ADMIN_PASSWORD, "--logging.level.root=warn"));
        for (String property : properties) {
            args.add("--" + property);
        }
        context = new SpringApplicationBuilder(SubsideApplication.class).run(args.toArray(String[]::new));
        fixtures = context.getBean(Fixtures.class);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** A published call of both administrations with the given stage-1 deadline; statutes required in stage 1. */
    Call openCall(Instant stage1Deadline) {
        int n = calls.incrementAndGet();
        String code = "FAULT-" + System.currentTimeMillis() % 100_000 + "-" + n;
        CallService service = bean(CallService.class);
        service.create(new Call(code, "F" + n, "Appel " + code, "Oproep " + code, EnumSet.allOf(Administration.class),
                EnumSet.allOf(Measure.class), EnumSet.allOf(Aim.class), new BigDecimal("50000000"), 1, stage1Deadline,
                stage1Deadline.plusSeconds(30L * 24 * 3600),
                List.of(new RequiredDocument(Stage.STAGE1, "STATUTES", "Statuts", "Statuten", false),
                        new RequiredDocument(Stage.STAGE2, "DETAILED_BUDGET", "Budget détaillé",
                                "Gedetailleerde begroting", false))), "fault-test");
        service.publish(code, "fault-test");
        return service.get(code);
    }

    /** An organisation of the COCOF whose member has a portal login ({@link Fixtures#PASSWORD}). */
    Organisation applicant() {
        Organisation lead = fixtures.organisation(Administration.COCOF);
        fixtures.account(lead);
        return lead;
    }

    /** A draft with its statutes uploaded: complete once the form is filled. */
    String completeDraft(Call call, Organisation lead) {
        return fixtures.draft(call, lead).getReference();
    }

    /** A draft with nothing in it, as the applicant left it after "start". */
    String emptyDraft(Call call, Organisation lead) {
        return bean(ApplicationService.class).startDraft(call.getCode(), lead.getId(), Fixtures.user(lead))
                .getReference();
    }

    /** Runs the seeding with the engine clock standing at {@code now}, so that every draft computes the same times. */
    static <T> T at(Instant now, java.util.function.Supplier<T> work) {
        ClockUtil.setCurrentTime(Date.from(now));
        try {
            return work.get();
        } finally {
            ClockUtil.reset();
        }
    }

    /** Suspends the case processes' jobs: their timers then wait, due or not, until activated again. */
    void suspendCaseJobs() {
        bean(ManagementService.class).updateJobSuspensionState().byProcessDefinitionKey("GrantApplicationProcess")
                .suspend();
    }

    /** Holds the calls' own timers too: their stage-1 deadline closes their drafts. */
    void suspendCallJobs() {
        bean(ManagementService.class).updateJobSuspensionState().byProcessDefinitionKey("CallForProjectsProcess")
                .suspend();
    }

    @Override
    public void close() {
        context.close();
    }
}
