package be.subside.staff;

import be.subside.application.Application;
import be.subside.application.CaseReaders;
import be.subside.audit.AuditTrail;
import be.subside.document.DocumentService;
import be.subside.identity.EnterpriseNumber;
import be.subside.identity.SecurityConfiguration;
import be.subside.shared.Deadlines;
import be.subside.shared.NotFoundException;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A case as staff need it beside their Tasklist task ({@code /staff/cases/REF}, linked from every staff form): the
 * preliminary dossier and subsidy request as submitted, the partners, the documents with their fingerprints, and the
 * whole timeline with who did what. Same access rule as everywhere: the competent administration, managers, the
 * committee and the evaluator cleared for the case; other staff get 404. The evaluator the case is assigned to sees,
 * before declaring their conflicts of interest, only the parties. Tasklist shows the embedded variant inside every
 * staff form.
 */
@Controller
class StaffCasePage {

    private static final Locale FRENCH = Locale.forLanguageTag("fr-BE");

    private final CaseReaders readers;
    private final DocumentService documents;
    private final AuditTrail audit;

    StaffCasePage(CaseReaders readers, DocumentService documents, AuditTrail audit) {
        this.readers = readers;
        this.documents = documents;
        this.audit = audit;
    }

    /** One line of the timeline, as staff read it. */
    record Event(String when, String type, String actor, String detail) {
    }

    @GetMapping("/staff/cases/{reference}")
    @Transactional(readOnly = true)
    String page(@PathVariable String reference, Authentication authentication, Model model) {
        return render(reference, authentication, model, false);
    }

    /**
     * The same case, compact, as Tasklist frames it under the case link of every staff form; its links open in a new
     * tab. The only page of ours that may be framed, and only by a page of this origin.
     */
    @GetMapping("/staff/cases/{reference}/embedded")
    @Transactional(readOnly = true)
    String embedded(@PathVariable String reference, Authentication authentication, Model model) {
        return render(reference, authentication, model, true);
    }

    /** The same answer whether the case does not exist or belongs to another administration; in a frame too. */
    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String unavailable() {
        return "staff/case-unavailable";
    }

    private String render(String reference, Authentication authentication, Model model, boolean embedded) {
        model.addAttribute("embedded", embedded);
        var caller = SecurityConfiguration.caller(authentication);
        Application application = readers.forReaderOrAssignedEvaluator(reference, caller);
        model.addAttribute("caseFile", application);
        model.addAttribute("leadNumber", EnterpriseNumber.format(application.getLeadOrganisation().getEnterpriseNumber()));
        model.addAttribute("partners", application.getPartners().stream()
                .map(p -> p.getName() + " (" + EnterpriseNumber.format(p.getEnterpriseNumber()) + ", "
                        + p.getCompetentAdministration() + ")").toList());
        if (!readers.mayRead(application, caller)) {
            // an evaluator who has not declared yet sees who the parties are, to judge a conflict of interest
            return "staff/case-parties";
        }
        model.addAttribute("submitted", application.getStage1SubmittedAt() == null ? null
                : Deadlines.describeMoment(application.getStage1SubmittedAt(), FRENCH));
        model.addAttribute("documents", documents.list(reference, caller));
        List<Event> timeline = audit.caseTimeline(application.getId()).stream()
                .map(e -> new Event(Deadlines.describeMoment(e.getOccurredAt(), FRENCH), e.getType(), e.getActor(),
                        e.getDetail())).toList();
        model.addAttribute("timeline", timeline);
        return "staff/case";
    }
}
