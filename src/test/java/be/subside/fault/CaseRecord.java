package be.subside.fault;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the database holds of one case's stage-1 submission, read with plain SQL: our tables and the engine's. A
 * submission is all of it or none of it.
 */
record CaseRecord(String reference, String state, boolean submittedAt, String title, int partners,
        int frozenStatutes, int receipts, int submittedAudits, int submittedMails, int openDossierTasks,
        int admissibilityTasks) {

    static CaseRecord read(JdbcTemplate jdbc, String reference) {
        return jdbc.queryForObject("""
                select a.state, a.stage1_submitted_at is not null as submitted_at, a.title,
                  (select count(*) from application_partner p where p.application_id = a.id) as partners,
                  (select count(*) from document d where d.application_id = a.id and d.slot = 'STATUTES'
                     and d.is_current and d.frozen) as frozen_statutes,
                  (select count(*) from document d where d.application_id = a.id and d.slot = 'RECEIPT'
                     and d.stage = 'STAGE1') as receipts,
                  (select count(*) from audit_event e where e.application_id = a.id
                     and e.type = 'STAGE1_SUBMITTED') as audits,
                  (select count(*) from outbox_message m where m.application_id = a.id
                     and m.event = 'STAGE1_SUBMITTED') as mails,
                  (select count(*) from act_ru_task t join act_ru_execution x on x.id_ = t.proc_inst_id_
                     where x.business_key_ = a.reference and t.task_def_key_ = 'Task_SubmitPreliminaryDossier') as dossier,
                  (select count(*) from act_ru_task t join act_ru_execution x on x.id_ = t.proc_inst_id_
                     where x.business_key_ = a.reference and t.task_def_key_ = 'Task_CheckAdmissibility') as admissibility
                from application a where a.reference = ?""",
                (rs, i) -> new CaseRecord(reference, rs.getString("state"), rs.getBoolean("submitted_at"),
                        rs.getString("title"), rs.getInt("partners"), rs.getInt("frozen_statutes"),
                        rs.getInt("receipts"), rs.getInt("audits"), rs.getInt("mails"), rs.getInt("dossier"),
                        rs.getInt("admissibility")), reference);
    }

    /** Submitted and complete: content, frozen documents, receipt, audit, mail, and the process moved on. */
    boolean fullySubmitted() {
        return "STAGE1_SUBMITTED".equals(state) && submittedAt && PortalSession.TITLE.equals(title) && partners == 1
                && frozenStatutes == 1 && receipts == 1 && submittedAudits == 1 && submittedMails == 1
                && openDossierTasks == 0 && admissibilityTasks == 1;
    }

    /** Still a draft, with no trace of a submission: the applicant can submit it again. */
    boolean cleanDraft() {
        return "DRAFT".equals(state) && !submittedAt && partners == 0 && frozenStatutes == 0 && receipts == 0
                && submittedAudits == 0 && submittedMails == 0 && openDossierTasks == 1 && admissibilityTasks == 0;
    }
}
