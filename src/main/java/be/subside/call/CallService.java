package be.subside.call;

import be.subside.audit.AuditTrail;
import be.subside.shared.Deadlines;
import be.subside.shared.InvalidInputException;
import be.subside.shared.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class CallService {

    private static final Logger log = LoggerFactory.getLogger(CallService.class);

    private final CallRepository calls;
    private final CallWorkflow workflow;
    private final AuditTrail audit;
    private final Clock clock;
    private final JdbcTemplate jdbc;

    CallService(CallRepository calls, CallWorkflow workflow, AuditTrail audit, Clock clock, JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.calls = calls;
        this.workflow = workflow;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Call get(String code) {
        return calls.findByCode(code).orElseThrow(() -> unknown(code));
    }

    @Transactional(readOnly = true)
    public Call get(Long id) {
        return calls.findById(id).orElseThrow(() -> new NotFoundException("call.unknown", "callId", "Unknown call id " + id));
    }

    @Transactional(readOnly = true)
    public List<Call> all() {
        return calls.findAll();
    }

    @Transactional
    public Call create(Call call, String actor) {
        if (calls.findByCode(call.getCode()).isPresent()) {
            throw new InvalidInputException("call.code.taken", "code", "A call with code " + call.getCode() + " exists");
        }
        Call saved = calls.save(call);
        audit.recordCall(saved.getId(), "CALL_CREATED", actor, "Call " + saved.getCode() + " created");
        return saved;
    }

    /** Publishes a draft call: starts its lifecycle process, which opens it. */
    @Transactional
    public void publish(String code, String actor) {
        Call call = calls.findByCodeForUpdate(code).orElseThrow(() -> unknown(code));
        audit.recordCall(call.getId(), "CALL_PUBLISHED", actor, "Call published");
        workflow.startCall(call);
    }

    /** Called by the call process when it starts. */
    @Transactional
    public void open(String code) {
        Call call = calls.findByCodeForUpdate(code).orElseThrow(() -> unknown(code));
        call.open(clock.instant());
        audit.recordCall(call.getId(), "CALL_OPENED", AuditTrail.SYSTEM,
                "Stage 1 open until " + Deadlines.display(call.getStage1Deadline()));
    }

    /** Called by the call process when the stage-1 deadline timer fires. */
    @Transactional
    public void closeStage1(String code) {
        Call call = calls.findByCodeForUpdate(code).orElseThrow(() -> unknown(code));
        call.closeStage1();
        audit.recordCall(call.getId(), "CALL_STAGE1_CLOSED", AuditTrail.SYSTEM, "Stage-1 deadline reached");
    }

    /** Called by the call process when the stage-2 deadline timer fires. */
    @Transactional
    public void closeStage2(String code) {
        Call call = calls.findByCodeForUpdate(code).orElseThrow(() -> unknown(code));
        call.closeStage2();
        audit.recordCall(call.getId(), "CALL_STAGE2_CLOSED", AuditTrail.SYSTEM, "Stage-2 deadline reached");
    }

    /**
     * A manager moves a stage deadline later. The call, every running timer of the call bound to that deadline and the
     * audit trail change together, or nothing changes.
     */
    @Transactional
    public int extendDeadline(String code, Stage stage, Instant newDeadline, String actor) {
        Call call = calls.findByCodeForUpdate(code).orElseThrow(() -> unknown(code));
        Instant previous = call.deadline(stage);
        call.extend(stage, newDeadline, clock.instant());
        int moved = workflow.moveDeadline(code, stage, previous, newDeadline);
        audit.recordCall(call.getId(), "DEADLINE_EXTENDED", actor, stage + " deadline moved from "
                + Deadlines.display(previous) + " to " + Deadlines.display(newDeadline) + " (" + moved + " timers moved)");
        log.info("{} deadline of call {} moved to {} by {}; {} timers moved", stage, code, newDeadline, actor, moved);
        return moved;
    }

    /**
     * Reserves the next application reference. One statement increments the counter, so concurrent drafts on one call
     * wait for each other's row lock instead of failing on the call's optimistic version (the caller has usually
     * loaded the call already); the version moves too, so a stale copy of the call can never write the counter back.
     */
    @Transactional
    public String nextReference(Long callId) {
        if (jdbc.update("update call_for_projects set last_application_number = last_application_number + 1,"
                + " version = version + 1 where id = ?", callId) == 0) {
            throw new NotFoundException("call.unknown", "callId", "Unknown call id " + callId);
        }
        return jdbc.queryForObject("select reference_prefix, last_application_number from call_for_projects"
                + " where id = ?", (row, i) -> Call.reference(row.getString(1), row.getInt(2)), callId);
    }

    private static NotFoundException unknown(String code) {
        return new NotFoundException("call.unknown", "callCode", "Unknown call code '" + code + "'");
    }
}
