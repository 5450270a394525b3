package be.subside;

import be.subside.application.Application;
import be.subside.application.ApplicationService;
import be.subside.application.Stage1Content;
import be.subside.application.Stage2Content;
import be.subside.call.Administration;
import be.subside.call.Aim;
import be.subside.call.Call;
import be.subside.call.CallService;
import be.subside.call.Measure;
import be.subside.call.RequiredDocument;
import be.subside.call.Stage;
import be.subside.demo.DemoPdf;
import be.subside.document.DocumentService;
import be.subside.evaluation.CommitteeSelection;
import be.subside.identity.Caller;
import be.subside.identity.ApplicantAccounts;
import be.subside.identity.Language;
import be.subside.identity.LegalForm;
import be.subside.identity.Organisation;
import be.subside.identity.OrganisationService;
import be.subside.shared.Deadlines;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Test data made through the real services; every call and organisation is new, so tests share one database. */
@Component
public class Fixtures {

    /** The engine clock at the start of every test: 1 March 2030, 10:00 in Brussels. */
    public static final Instant START = Instant.parse("2030-03-01T09:00:00Z");
    /** Stage 1 of test calls ends with 31 March 2030 (Brussels), stage 2 with 24 April 2030. */
    public static final Instant STAGE1_DEADLINE = Deadlines.endOfDay(LocalDate.of(2030, 3, 31));
    public static final Instant STAGE2_DEADLINE = Deadlines.endOfDay(LocalDate.of(2030, 4, 24));

    private static final AtomicInteger counter = new AtomicInteger();

    private final CallService calls;
    private final OrganisationService organisations;
    private final ApplicationService applications;
    private final DocumentService documents;
    private final ApplicantAccounts accounts;
    private final org.camunda.bpm.engine.TaskService tasks;
    private final org.camunda.bpm.engine.RuntimeService runtime;
    private final org.camunda.bpm.engine.ManagementService management;
    private final org.camunda.bpm.engine.IdentityService identity;
    private final CommitteeSelection selections;
    private final JdbcTemplate jdbc;

    /** An evaluator who is always in the pool (other tests add more). */
    public static final String EVALUATOR = "evaluator";
    public static final String EVALUATOR_PASSWORD = "Eval-uation-1";

    Fixtures(CallService calls, OrganisationService organisations, ApplicationService applications,
            DocumentService documents, ApplicantAccounts accounts, org.camunda.bpm.engine.TaskService tasks,
            org.camunda.bpm.engine.RuntimeService runtime, org.camunda.bpm.engine.ManagementService management,
            org.camunda.bpm.engine.IdentityService identity, CommitteeSelection selections, JdbcTemplate jdbc) {
        this.identity = identity;
        this.selections = selections;
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.runtime = runtime;
        this.management = management;
        this.calls = calls;
        this.organisations = organisations;
        this.applications = applications;
        this.documents = documents;
        this.accounts = accounts;
    }

    public static void setClock(Instant now) {
        ClockUtil.setCurrentTime(Date.from(now));
    }

    public static void resetClock() {
        ClockUtil.reset();
    }

    public Call draftCall(BigDecimal budget) {
        int n = counter.incrementAndGet();
        return calls.create(new Call("TEST-" + n, "T" + n, "Appel test " + n, "Testoproep " + n,
                EnumSet.allOf(Administration.class), EnumSet.allOf(Measure.class), EnumSet.allOf(Aim.class), budget, 1,
                STAGE1_DEADLINE, STAGE2_DEADLINE,
                List.of(new RequiredDocument(Stage.STAGE1, "STATUTES", "Statuts", "Statuten", false),
                        new RequiredDocument(Stage.STAGE2, "DETAILED_BUDGET", "Budget détaillé", "Gedetailleerde begroting",
                                false))), "test");
    }

    /** A published call, open until {@link #STAGE1_DEADLINE}, with a budget envelope of 500,000 EUR. */
    public Call openCall() {
        return openCall(new BigDecimal("500000"));
    }

    public Call openCall(BigDecimal budget) {
        Call call = draftCall(budget);
        calls.publish(call.getCode(), "test");
        return calls.get(call.getCode());
    }

    /** A new organisation of the given administration, with one member whose user id is returned by {@link #user}. */
    public Organisation organisation(Administration administration) {
        int n = counter.incrementAndGet();
        return organisations.register(new Organisation("ASBL Test " + n, LegalForm.ASBL_VZW, enterpriseNumber(n),
                "Rue de la Loi " + n, "1040", "Etterbeek", administration,
                administration == Administration.COCOM ? Language.NL : Language.FR, "contact" + n + "@test.example"),
                "user-" + n + "@test.example");
    }

    /** The member user created with the organisation. */
    public static String user(Organisation organisation) {
        return "user-" + organisation.getName().substring("ASBL Test ".length()) + "@test.example";
    }

    /** A valid, unique enterprise number: 0 then seven digits of {@code n}, then its mod-97 check. */
    public static String enterpriseNumber(int n) {
        String body = String.format("0%07d", 1_000_000 + n);
        return body + String.format("%02d", 97 - Long.parseLong(body) % 97);
    }

    /** A draft with its statutes uploaded: only the form is left to fill. */
    public Application draft(Call call, Organisation lead) {
        Application draft = applications.startDraft(call.getCode(), lead.getId(), user(lead));
        documents.upload(draft.getReference(), user(lead), Stage.STAGE1, "STATUTES", null, "statuts.pdf",
                new ByteArrayInputStream(pdf("Statuts de " + lead.getName())));
        return draft;
    }

    /** Uploads the detailed budget and submits the subsidy request. */
    public Application submitStage2(String reference, Organisation lead, String requested) {
        documents.upload(reference, user(lead), Stage.STAGE2, "DETAILED_BUDGET", null, "budget.pdf",
                new ByteArrayInputStream(pdf("Budget " + reference)));
        return applications.submitStage2(reference, user(lead), stage2(requested));
    }

    /** A small, valid one-page PDF saying {@code text}. */
    public static byte[] pdf(String text) {
        return DemoPdf.of(text);
    }

    /** A portal login for the organisation's member, with {@link #PASSWORD}. */
    public void account(Organisation organisation) {
        accounts.create(user(organisation), PASSWORD);
    }

    public static final String PASSWORD = "correct horse battery";

    public static Stage1Content stage1(Organisation partner, String amount) {
        return new Stage1Content("Centrale d'achat mutualisée", "Mutualiser les achats informatiques de trois ASBL.",
                Set.of(Measure.PURCHASING_CENTRALS), Set.of(Aim.COLLABORATIVE_WORK),
                partner == null ? List.of() : List.of(partner.getEnterpriseNumber()), new BigDecimal(amount));
    }

    public static Stage2Content stage2(String requested) {
        return new Stage2Content(new BigDecimal("150000"), new BigDecimal(requested), LocalDate.of(2030, 6, 1), 24,
                new BigDecimal("2.5"), "Plan de travail : achats groupés, puis déploiement chez chaque partenaire.");
    }

    public Application submitted(Call call, Organisation lead, Organisation partner, String amount) {
        Application draft = draft(call, lead);
        return applications.submitStage1(draft.getReference(), user(lead), stage1(partner, amount));
    }

    /** The case's (or call's) open task of this BPMN id. */
    public org.camunda.bpm.engine.task.Task task(String businessKey, String taskKey) {
        return tasks.createTaskQuery().processInstanceBusinessKey(businessKey).taskDefinitionKey(taskKey)
                .singleResult();
    }

    /** A staff member claims and completes the case's (or call's) task with these decisions. */
    public void staff(String businessKey, String taskKey, String user, java.util.Map<String, Object> variables) {
        String task = task(businessKey, taskKey).getId();
        tasks.claim(task, user);
        tasks.complete(task, variables);
    }

    /**
     * The eligible case's assignment step runs (as the job executor would), and the evaluator it picks declares, on
     * their honour, no conflict of interest. Returns that evaluator.
     */
    public String clearedEvaluator(String reference) {
        String evaluator = assignedEvaluator(reference);
        String task = declarationTask(reference).getId();
        identity.setAuthenticatedUserId(evaluator);
        try {
            tasks.complete(task, java.util.Map.of("conflictDeclaration", "NO_CONFLICT", "declarationSworn", true));
        } finally {
            identity.clearAuthentication();
        }
        return evaluator;
    }

    /** The evaluator's pending declaration of conflicts of interest, in the process the case's process called. */
    public org.camunda.bpm.engine.task.Task declarationTask(String reference) {
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
                .processDefinitionKey("GrantApplicationProcess").singleResult().getId();
        String declaration = runtime.createProcessInstanceQuery().superProcessInstanceId(instance).singleResult().getId();
        return tasks.createTaskQuery().processInstanceId(declaration).singleResult();
    }

    /**
     * The eligible case's assignment step runs (as the job executor would), unless it already has; returns the evaluator
     * it picked.
     */
    public String assignedEvaluator(String reference) {
        StaffUsers.ensure(identity, EVALUATOR, "evaluators", EVALUATOR_PASSWORD);
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
                .processDefinitionKey("GrantApplicationProcess").singleResult().getId();
        org.camunda.bpm.engine.runtime.Job assignment = management.createJobQuery().processInstanceId(instance)
                .activityId("Task_AssignEvaluator").singleResult();
        if (assignment != null) {
            management.executeJob(assignment.getId());
        }
        return (String) runtime.getVariable(instance, "evaluatorId");
    }

    /** The case is evaluated by the evaluator the process assigned, once cleared, with this score on every criterion. */
    public String evaluated(String reference, int scorePerCriterion) {
        String evaluator = clearedEvaluator(reference);
        staff(reference, "Task_EvaluateApplication", evaluator, java.util.Map.of("scoreRelevance", scorePerCriterion,
                "scoreMutualisation", scorePerCriterion, "scoreFeasibility", scorePerCriterion, "scoreBudget",
                scorePerCriterion, "scoreJobQuality", scorePerCriterion,
                "evaluationComments", "Projet solide, partenariat clair et budget réaliste."));
        return evaluator;
    }

    /** Staff find the submitted case incomplete and ask for this within ten days. */
    public void informationRequested(String reference, String request) {
        staff(reference, "Task_CheckAdmissibility", "cocof-agent1", java.util.Map.of("admissibilityDecision",
                "INCOMPLETE", "missingInformation", request, "responseDays", 10));
    }

    /**
     * The clock reaches the call's stage-1 deadline and the job executor's work is done by hand: the call's timer, each
     * batch of Task_CloseExpiredDrafts, then the Camunda batch that ends the closed drafts' processes.
     */
    public void passStage1Deadline(Call call) {
        setClock(call.getStage1Deadline());
        String callInstance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(call.getCode())
                .processDefinitionKey("CallForProjectsProcess").singleResult().getId();
        for (org.camunda.bpm.engine.runtime.Job job; (job = management.createJobQuery().processInstanceId(callInstance)
                .executable().singleResult()) != null; ) {
            management.executeJob(job.getId());
        }
        runBatches();
    }

    /** Runs the Camunda batches' seed and batch jobs now, as the job executor would. */
    public void runBatches() {
        for (org.camunda.bpm.engine.batch.Batch batch : management.createBatchQuery().list()) {
            for (org.camunda.bpm.engine.runtime.Job seed; (seed = management.createJobQuery()
                    .jobDefinitionId(batch.getSeedJobDefinitionId()).singleResult()) != null; ) {
                management.executeJob(seed.getId());
            }
            management.createJobQuery().jobDefinitionId(batch.getBatchJobDefinitionId()).list()
                    .forEach(job -> management.executeJob(job.getId()));
        }
    }

    /**
     * A submitted COCOF case driven through the staff steps and the committee until it is selected (the clock then
     * stands at the stage-1 deadline).
     */
    public String selected(Call call, Organisation lead, Organisation partner) {
        String reference = submitted(call, lead, partner, "80000").getReference();
        staff(reference, "Task_CheckAdmissibility", "cocof-agent1", java.util.Map.of("admissibilityDecision", "ADMISSIBLE"));
        staff(reference, "Task_CheckEligibility", "cocof-agent1", java.util.Map.of("eligibilityDecision", "ELIGIBLE"));
        evaluated(reference, 15);
        passStage1Deadline(call);
        decideSelection(call, List.of(reference));
        return reference;
    }

    public static final String COMMITTEE = "committee";
    public static final String SELECTION_MOTIVATION = "Classement selon les critères, dans la limite de l'enveloppe.";

    /** The committee as our pages know it: a staff member of the committee group. */
    public static Caller committee(String userId) {
        return Caller.staff(userId, Set.of(Caller.COMMITTEE));
    }

    /**
     * The committee decides this selection, as a member does it: claims the call's selection task (which saves the
     * ranking's proposal), saves {@code references} over it as the selection page does, and completes the task with
     * the saved figures and a motivation. Returns the saved sheet.
     */
    public CommitteeSelection.Sheet decideSelection(Call call, List<String> references) {
        claimSelection(call, COMMITTEE);
        CommitteeSelection.Sheet saved = selections.save(call.getCode(), references,
                selections.sheet(call.getCode(), committee(COMMITTEE)).revision(), committee(COMMITTEE));
        tasks.complete(selectionTask(call).getId(), selectionForm(saved, SELECTION_MOTIVATION));
        publishSelection(call);
        return saved;
    }

    /**
     * What the job executor does after the committee's decision: the call's publication, then each case going on
     * with its outcome (its mail, its subsidy request or its end), one job each. Returns the number of cases.
     */
    public int publishSelection(Call call) {
        String callInstance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(call.getCode())
                .processDefinitionKey("CallForProjectsProcess").singleResult().getId();
        management.executeJob(management.createJobQuery().processInstanceId(callInstance)
                .activityId("Task_PublishSelection").singleResult().getId());
        Set<String> cases = new java.util.HashSet<>();
        runtime.createProcessInstanceQuery().processDefinitionKey("GrantApplicationProcess")
                .variableValueEquals("callCode", call.getCode()).list().forEach(p -> cases.add(p.getId()));
        List<org.camunda.bpm.engine.runtime.Job> jobs = management.createJobQuery().activityId("Event_SelectionPublished")
                .list().stream().filter(j -> cases.contains(j.getProcessInstanceId())).toList();
        jobs.forEach(job -> management.executeJob(job.getId()));
        return jobs.size();
    }

    /** What the committee types into the selection task's form for this saved selection. */
    public static java.util.Map<String, Object> selectionForm(CommitteeSelection.Sheet saved, String motivation) {
        return java.util.Map.of("selectionCount", saved.savedCount(), "selectionTotal", saved.savedTotal().doubleValue(),
                "selectionMotivation", motivation);
    }

    public org.camunda.bpm.engine.task.Task selectionTask(Call call) {
        return tasks.createTaskQuery().processInstanceBusinessKey(call.getCode()).taskDefinitionKey("Task_SelectApplications")
                .singleResult();
    }

    /** A committee member claims the call's selection task (stage 1 closed). */
    public void claimSelection(Call call, String member) {
        tasks.claim(selectionTask(call).getId(), member);
    }

    /** One evaluated case to make in bulk: its lead organisation, score out of 100, requested amount and title. */
    public record Evaluated(Organisation lead, int score, BigDecimal requestedAmount, String title) {

        public Evaluated(Organisation lead, int score, BigDecimal requestedAmount) {
            this(lead, score, requestedAmount, null);
        }
    }

    /**
     * Many evaluated cases of an open call at once, for tests of the committee's selection: the rows a submitted,
     * admissible, eligible and evaluated case has in our tables (written in batches, not through every step), and each
     * case's process started where such a case waits, for the committee's published selection. About 100 a second,
     * against a few a second through every step. Returns the references, in the order given.
     */
    public List<String> evaluatedInBulk(Call call, List<Evaluated> cases) {
        List<String> references = new java.util.ArrayList<>();
        List<Object[]> rows = new java.util.ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Evaluated c = cases.get(i);
            String reference = calls.nextReference(call.getId());
            references.add(reference);
            java.sql.Timestamp submitted = java.sql.Timestamp.from(START.plusSeconds(i));
            rows.add(new Object[] {reference, call.getId(), c.lead().getId(),
                c.title() == null ? "Projet mutualisé " + reference : c.title(),
                "Mutualiser les fonctions support de plusieurs ASBL.", c.requestedAmount(), user(c.lead()), submitted,
                submitted});
        }
        jdbc.batchUpdate("insert into application (reference, call_id, lead_organisation_id, title, summary,"
                + " requested_amount, state, created_by, created_at, stage1_submitted_at, version)"
                + " values (?, ?, ?, ?, ?, ?, 'EVALUATED', ?, ?, ?, 0)", rows);
        java.util.Map<String, Long> ids = new java.util.HashMap<>();
        jdbc.query("select id, reference from application where call_id = ?", row -> {
            ids.put(row.getString(2), row.getLong(1));
        }, call.getId());
        List<Object[]> decisions = new java.util.ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            decisions.add(new Object[] {ids.get(references.get(i)), cases.get(i).score(), EVALUATOR,
                java.sql.Timestamp.from(START.plusSeconds(cases.size() + i))});
        }
        jdbc.batchUpdate("insert into case_decision (application_id, kind, outcome, motivation, score, decided_by,"
                + " decided_at) values (?, 'EVALUATION', 'SCORED', 'Projet solide, partenariat clair et budget réaliste.',"
                + " ?, ?, ?)", decisions);
        for (int i = 0; i < cases.size(); i++) {
            Organisation lead = cases.get(i).lead();
            java.util.Map<String, Object> variables = new java.util.HashMap<>();
            variables.put("applicationId", ids.get(references.get(i)));
            variables.put("applicationReference", references.get(i));
            variables.put("callCode", call.getCode());
            variables.put("staffGroup", lead.getCompetentAdministration().staffGroup());
            variables.put("applicantUserId", user(lead));
            variables.put("stage1Deadline", Date.from(call.getStage1Deadline()));
            variables.put("stage2Deadline", Date.from(call.getStage2Deadline()));
            variables.put("evaluatorId", EVALUATOR);
            runtime.createProcessInstanceByKey("GrantApplicationProcess").businessKey(references.get(i))
                    .setVariables(variables).startBeforeActivity("Event_SelectionPublished").execute();
        }
        return references;
    }
}
