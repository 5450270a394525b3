package be.subside.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

import be.subside.Fixtures;
import be.subside.IntegrationTest;
import be.subside.application.ApplicationService;
import be.subside.application.ApplicationState;
import be.subside.call.Administration;
import be.subside.call.Call;
import be.subside.call.CallService;
import be.subside.call.CallState;
import be.subside.evaluation.CommitteeSelection;
import be.subside.evaluation.RankedApplication;
import be.subside.identity.Organisation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A real call's selection: 300 evaluated cases in one call (the selection used to keep the ranking in a string
 * process variable, which PostgreSQL holds in a varchar(4000): claiming the task failed from about 40 cases on). The
 * committee claims the task, changes the proposed selection, and decides; once the job executor has published it,
 * every case has its outcome, its decision and its mail, and no process variable grows with the call.
 */
@IntegrationTest
class LargeCallSelectionTest extends ProcessTestSupport {

    static final int CASES = 300;

    @Autowired
    CommitteeSelection selections;
    @Autowired
    CallService calls;
    @Autowired
    ApplicationService applications;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theCommitteeDecidesTheSelectionOfACallOf300EvaluatedCases() {
        Call call = fixtures.openCall(new BigDecimal("3000000"));
        List<Organisation> leads = List.of(fixtures.organisation(Administration.COCOF),
                fixtures.organisation(Administration.COCOM), fixtures.organisation(Administration.COCOF));
        List<Fixtures.Evaluated> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            // scores repeat (ties are ranked by submission), amounts from 20,000 to 69,000 EUR
            cases.add(new Fixtures.Evaluated(leads.get(i % leads.size()), 40 + (i * 37) % 61,
                    new BigDecimal(20_000 + 1_000 * ((i * 13) % 50))));
        }
        List<String> references = fixtures.evaluatedInBulk(call, cases);
        fixtures.passStage1Deadline(call);
        ProcessInstance callPi = processOf(call);
        assertThat(callPi).isWaitingAt("Task_SelectApplications");

        // the ranking as the rules say: score first, then earlier submission (the order given), within the envelope
        List<Integer> order = IntStream.range(0, CASES).boxed()
                .sorted(Comparator.<Integer>comparingInt(i -> -cases.get(i).score()).thenComparingInt(i -> i)).toList();
        List<String> expectedRanking = order.stream().map(references::get).toList();
        Set<String> expectedProposal = new LinkedHashSet<>();
        BigDecimal left = call.getBudgetEnvelope();
        for (int i : order) {
            if (cases.get(i).requestedAmount().compareTo(left) <= 0) {
                left = left.subtract(cases.get(i).requestedAmount());
                expectedProposal.add(references.get(i));
            }
        }

        long claiming = System.nanoTime();
        fixtures.claimSelection(call, Fixtures.COMMITTEE);
        long claimMs = (System.nanoTime() - claiming) / 1_000_000;

        CommitteeSelection.Sheet proposed = selections.sheet(call.getCode(), Fixtures.committee(Fixtures.COMMITTEE));
        Assertions.assertThat(proposed.lines()).extracting(l -> l.ranked().reference())
                .containsExactlyElementsOf(expectedRanking);
        Assertions.assertThat(proposed.lines()).extracting(l -> l.ranked().rank())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, CASES).boxed().toList());
        Assertions.assertThat(proposed.revision()).as("the claim saved the proposal").isEqualTo(1);
        Assertions.assertThat(proposed.lines()).filteredOn(CommitteeSelection.Line::selected)
                .extracting(l -> l.ranked().reference()).containsExactlyInAnyOrderElementsOf(expectedProposal);
        Assertions.assertThat(proposed.lines()).filteredOn(l -> l.ranked().proposed())
                .extracting(l -> l.ranked().reference()).containsExactlyInAnyOrderElementsOf(expectedProposal);
        Assertions.assertThat(expectedProposal).hasSizeBetween(50, CASES - 50);

        // the committee leaves out the best-ranked case and takes instead the lowest-ranked one that then fits
        String first = expectedRanking.get(0);
        BigDecimal room = left.add(cases.get(order.get(0)).requestedAmount());
        String last = null;
        for (int i : order) {
            if (!expectedProposal.contains(references.get(i)) && cases.get(i).requestedAmount().compareTo(room) <= 0) {
                last = references.get(i);
            }
        }
        Assertions.assertThat(last).isNotNull();
        Assertions.assertThat(expectedRanking.indexOf(last)).isGreaterThan(CASES / 2);
        Assertions.assertThat(expectedProposal).contains(first).doesNotContain(last);
        List<String> chosen = new ArrayList<>(expectedProposal);
        chosen.remove(first);
        chosen.add(last);
        CommitteeSelection.Sheet saved = selections.save(call.getCode(), chosen, proposed.revision(),
                Fixtures.committee(Fixtures.COMMITTEE));
        Assertions.assertThat(saved.savedCount()).isEqualTo(chosen.size());

        long deciding = System.nanoTime();
        tasks.complete(fixtures.selectionTask(call).getId(), Fixtures.selectionForm(saved,
                SelectionAndGrantProcessTest.MOTIVATION));
        long decideMs = (System.nanoTime() - deciding) / 1_000_000;
        // the decision is recorded with the task; the job executor then publishes it, each case in a job of its own
        Assertions.assertThat(calls.get(call.getCode()).getState()).isEqualTo(CallState.SELECTION_DONE);
        assertThat(callPi).isWaitingAt("Task_PublishSelection");
        long publishing = System.nanoTime();
        Assertions.assertThat(fixtures.publishSelection(call)).isEqualTo(CASES);
        long publishMs = (System.nanoTime() - publishing) / 1_000_000;
        System.out.printf("selection of %d cases: claim %d ms, decision %d ms, publication %d ms (%d jobs)%n", CASES,
                claimMs, decideMs, publishMs, CASES + 1);

        assertThat(callPi).hasPassed("Task_PublishSelection").isWaitingAt("Timer_Stage2Deadline");
        Assertions.assertThat(calls.get(call.getCode()).getState()).isEqualTo(CallState.SELECTION_DONE);
        Set<String> selected = Set.copyOf(chosen);
        Map<String, String> states = new HashMap<>();
        jdbc.query("select reference, state from application where call_id = ?",
                row -> {
                    states.put(row.getString(1), row.getString(2));
                }, call.getId());
        Assertions.assertThat(states).hasSize(CASES);
        references.forEach(r -> Assertions.assertThat(states.get(r)).as(r).isEqualTo(selected.contains(r)
                ? ApplicationState.SELECTED.name() : ApplicationState.NOT_SELECTED.name()));

        // one decision per case, with the committee's motivation
        Map<String, Long> outcomes = jdbc.queryForList("select d.outcome from case_decision d join application a"
                + " on a.id = d.application_id where a.call_id = ? and d.kind = 'SELECTION' and d.decided_by = ?"
                + " and d.motivation = ?", String.class, call.getId(), Fixtures.COMMITTEE,
                SelectionAndGrantProcessTest.MOTIVATION).stream()
                .collect(Collectors.groupingBy(o -> o, Collectors.counting()));
        Assertions.assertThat(outcomes).containsOnly(Map.entry("SELECTED", (long) chosen.size()),
                Map.entry("NOT_SELECTED", (long) (CASES - chosen.size())));

        // one mail queued per case, saying its outcome, in the organisation's language
        List<Map<String, Object>> mails = jdbc.queryForList("select a.reference, m.event, m.language from outbox_message m"
                + " join application a on a.id = m.application_id where a.call_id = ?", call.getId());
        Assertions.assertThat(mails).hasSize(CASES);
        for (Map<String, Object> mail : mails) {
            String reference = (String) mail.get("reference");
            Assertions.assertThat(mail.get("event")).as(reference)
                    .isEqualTo(selected.contains(reference) ? "SELECTED" : "NOT_SELECTED");
        }
        Assertions.assertThat(mails).extracting(m -> m.get("language")).contains("FR", "NL");

        // each case goes on by itself: the selected to their subsidy request, the others end
        ProcessInstance kept = runtime.createProcessInstanceQuery().processInstanceBusinessKey(last)
                .processDefinitionKey(ProcessKeys.GRANT_APPLICATION_PROCESS).singleResult();
        assertThat(kept).isWaitingAt("Task_SubmitSubsidyRequest");
        Assertions.assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(first)
                .processDefinitionKey(ProcessKeys.GRANT_APPLICATION_PROCESS).count()).isZero();
        Assertions.assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(
                ProcessKeys.GRANT_APPLICATION_PROCESS).variableValueEquals("callCode", call.getCode()).count())
                .isEqualTo(chosen.size());

        // nothing that grows with the call went into the call's process: a handful of short variables
        List<HistoricVariableInstance> variables = history.createHistoricVariableInstanceQuery()
                .processInstanceId(callPi.getId()).list();
        Assertions.assertThat(variables).extracting(HistoricVariableInstance::getName)
                .doesNotContain("rankingSummary", "selectedReferences").hasSizeLessThan(10);
        Assertions.assertThat(variables).extracting(v -> String.valueOf(v.getValue()))
                .allSatisfy(v -> Assertions.assertThat(v).hasSizeLessThan(SelectionAndGrantProcessTest.MOTIVATION.length() + 1));

        // the audit trail: the proposal saved at the claim, the committee's save, the decision
        Assertions.assertThat(jdbc.queryForList("select type from audit_event where call_id = ?"
                + " and application_id is null and type like 'SELECTION%' order by id", String.class, call.getId())).containsExactly("SELECTION_DRAFT_PROPOSED",
                "SELECTION_DRAFT_SAVED", "SELECTION_DECIDED");
        Assertions.assertThat(jdbc.queryForObject("select detail from audit_event where call_id = ?"
                + " and type = 'SELECTION_DRAFT_SAVED'", String.class, call.getId()))
                .contains("revision 2", chosen.size() + " of " + CASES + " selected", "added " + last,
                        "removed " + first);
        Assertions.assertThat(selections.sheet(call.getCode(), Fixtures.committee(Fixtures.COMMITTEE)).lines())
                .as("the decided selection, as the page shows it").filteredOn(CommitteeSelection.Line::selected)
                .extracting(l -> l.ranked().reference()).containsExactlyInAnyOrderElementsOf(chosen);
        Assertions.assertThat(proposed.lines()).extracting(CommitteeSelection.Line::ranked)
                .extracting(RankedApplication::score).isSortedAccordingTo(Comparator.reverseOrder());
    }
}
