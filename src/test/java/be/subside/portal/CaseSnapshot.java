package be.subside.portal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the database holds of one case, in our tables and in the engine's, to compare before and after a request that
 * must change nothing: the application row and its lists, audit trail, documents, information requests, mails, and
 * the process instance's variables (runtime and history) and tasks.
 */
final class CaseSnapshot {

    private CaseSnapshot() {
    }

    static Map<String, Object> of(JdbcTemplate jdbc, String reference) {
        Long id = jdbc.queryForObject("select id from application where reference = ?", Long.class, reference);
        String instance = jdbc.queryForObject("select id_ from act_hi_procinst where business_key_ = ?", String.class,
                reference);
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("application", jdbc.queryForList("select state, title, summary, requested_amount, stage1_submitted_at,"
                + " stage2_submitted_at, closed_at, s2_work_plan, version from application where id = ?", id));
        rows.put("partners", list(jdbc, "select position, organisation_id from application_partner where application_id = ?"
                + " order by position", id));
        rows.put("measures", list(jdbc, "select measure from application_measure where application_id = ? order by 1", id));
        rows.put("aims", list(jdbc, "select aim from application_aim where application_id = ? order by 1", id));
        rows.put("audit", list(jdbc, "select type, actor, detail from audit_event where application_id = ? order by id",
                id));
        rows.put("documents", list(jdbc, "select slot_key, version, is_current, frozen, file_name, size_bytes, sha256"
                + " from document where application_id = ? order by id", id));
        rows.put("document chunks", jdbc.queryForObject("select count(*) from document_chunk", Long.class));
        rows.put("information requests", list(jdbc, "select status, response_text from information_request"
                + " where application_id = ? order by id", id));
        rows.put("mails", list(jdbc, "select event, recipient from outbox_message where application_id = ? order by id",
                id));
        rows.put("variables", list(jdbc, "select name_, type_, text_, long_, double_ from act_ru_variable"
                + " where proc_inst_id_ = ? order by name_, id_", instance));
        rows.put("historic variables", list(jdbc, "select name_, rev_, text_, long_ from act_hi_varinst"
                + " where proc_inst_id_ = ? order by name_, id_", instance));
        rows.put("tasks", list(jdbc, "select task_def_key_, assignee_, rev_ from act_ru_task where proc_inst_id_ = ?"
                + " order by id_", instance));
        rows.put("historic tasks", list(jdbc, "select task_def_key_, end_time_ from act_hi_taskinst"
                + " where proc_inst_id_ = ? order by id_", instance));
        return rows;
    }

    private static List<Map<String, Object>> list(JdbcTemplate jdbc, String sql, Object argument) {
        return jdbc.queryForList(sql, argument);
    }
}
