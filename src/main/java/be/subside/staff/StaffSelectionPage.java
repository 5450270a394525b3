package be.subside.staff;

import be.subside.evaluation.CommitteeSelection;
import be.subside.identity.Caller;
import be.subside.identity.SecurityConfiguration;
import be.subside.identity.StaffFormTokens;
import be.subside.shared.Deadlines;
import be.subside.shared.DomainException;
import be.subside.shared.ForbiddenException;
import be.subside.shared.InvalidInputException;
import be.subside.shared.NotFoundException;
import be.subside.shared.StateConflictException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A call's ranking and the committee's selection ({@code /staff/calls/CODE/selection}, framed in the committee's
 * Tasklist form by {@code /embedded}): every evaluated case by rank with its organisation, title, score and requested
 * amount, whether the ranking's proposal takes it, and the running total of the selection against the budget envelope.
 * The committee ticks the cases and saves; the task's form then confirms the saved figures and decides. Works without
 * script: the totals are those of the last save (or of a refused attempt, shown with its error). Managers read it;
 * other staff get the same 404 as for a call that does not exist. Every save carries the page's token and the revision
 * it was opened on.
 */
@Controller
class StaffSelectionPage {

    private static final Locale FRENCH = Locale.forLanguageTag("fr-BE");
    private static final Locale DUTCH = Locale.forLanguageTag("nl-BE");

    private final CommitteeSelection selections;
    private final StaffFormTokens tokens;
    private final MessageSource messages;

    StaffSelectionPage(CommitteeSelection selections, StaffFormTokens tokens, MessageSource messages) {
        this.selections = selections;
        this.tokens = tokens;
        this.messages = messages;
    }

    @GetMapping("/staff/calls/{code}/selection")
    String page(@PathVariable String code, @RequestParam(required = false) String saved, Authentication authentication,
            Model model) {
        return render(code, caller(authentication), model, false, saved != null);
    }

    /** The same page, compact, as the committee's task form frames it; its links open in a new tab. */
    @GetMapping("/staff/calls/{code}/selection/embedded")
    String embedded(@PathVariable String code, @RequestParam(required = false) String saved,
            Authentication authentication, Model model) {
        return render(code, caller(authentication), model, true, saved != null);
    }

    @PostMapping("/staff/calls/{code}/selection")
    String save(@PathVariable String code, @RequestParam(name = StaffFormTokens.PARAMETER, required = false) String token,
            @RequestParam(required = false) String revision, @RequestParam(required = false) List<String> selected,
            @RequestParam(required = false) String action, Authentication authentication, Model model,
            HttpServletResponse response) {
        return save(code, token, revision, selected, action, caller(authentication), model, response, false);
    }

    @PostMapping("/staff/calls/{code}/selection/embedded")
    String saveEmbedded(@PathVariable String code,
            @RequestParam(name = StaffFormTokens.PARAMETER, required = false) String token,
            @RequestParam(required = false) String revision, @RequestParam(required = false) List<String> selected,
            @RequestParam(required = false) String action, Authentication authentication, Model model,
            HttpServletResponse response) {
        return save(code, token, revision, selected, action, caller(authentication), model, response, true);
    }

    /** The same answer whether the call does not exist or its selection is not this staff member's to see. */
    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String unavailable() {
        return "staff/selection-unavailable";
    }

    private String save(String code, String token, String revision, List<String> selected, String action,
            Caller caller, Model model, HttpServletResponse response, boolean embedded) {
        selections.requireReader(code, caller);
        List<String> asked = selected == null ? List.of() : selected;
        try {
            if (!tokens.valid(token, caller.userId(), StaffFormTokens.selectionForm(code))) {
                throw new ForbiddenException("staffForm.token", "This form's token is missing or wrong: reload the page");
            }
            long openedOn = revision(revision);
            if ("proposal".equals(action)) {
                selections.saveProposal(code, openedOn, caller);
            } else {
                selections.save(code, asked, openedOn, caller);
            }
        } catch (InvalidInputException e) {
            // what was asked, with its totals, beside what is saved
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return render(selections.sheetWithAttempt(code, caller, asked), caller, model, embedded, false, e);
        } catch (StateConflictException | ForbiddenException e) {
            response.setStatus(e instanceof ForbiddenException ? HttpStatus.FORBIDDEN.value() : HttpStatus.CONFLICT.value());
            return render(selections.sheet(code, caller), caller, model, embedded, false, e);
        }
        return "redirect:/staff/calls/" + code + "/selection" + (embedded ? "/embedded" : "") + "?saved";
    }

    private static long revision(String revision) {
        try {
            long value = Long.parseLong(revision == null ? "" : revision.strip());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidInputException("selection.revision", "revision", "'" + revision + "' is not a revision number");
    }

    private String render(String code, Caller caller, Model model, boolean embedded, boolean saved) {
        return render(selections.sheet(code, caller), caller, model, embedded, saved, null);
    }

    private String render(CommitteeSelection.Sheet sheet, Caller caller, Model model, boolean embedded, boolean saved,
            DomainException error) {
        model.addAttribute("sheet", sheet);
        model.addAttribute("embedded", embedded);
        model.addAttribute("saved", saved);
        model.addAttribute("action", "/staff/calls/" + sheet.callCode() + "/selection" + (embedded ? "/embedded" : ""));
        model.addAttribute("editable", sheet.mayEdit() && sheet.open());
        model.addAttribute("token", tokens.issue(caller.userId(), StaffFormTokens.selectionForm(sheet.callCode())));
        model.addAttribute("stage1Deadline", Deadlines.describe(sheet.stage1Deadline(), FRENCH));
        model.addAttribute("savedAt", sheet.savedAt() == null ? null : Deadlines.describeMoment(sheet.savedAt(), FRENCH));
        model.addAttribute("decidedAt", sheet.decidedAt() == null ? null
                : Deadlines.describeMoment(sheet.decidedAt(), FRENCH));
        if (error != null) {
            model.addAttribute("errorFr", text(error, FRENCH));
            model.addAttribute("errorNl", text(error, DUTCH));
            model.addAttribute("errorField", error.field());
        }
        return "staff/selection";
    }

    private String text(DomainException e, Locale locale) {
        try {
            return messages.getMessage("error." + e.code(), null, locale);
        } catch (NoSuchMessageException unknown) {
            return messages.getMessage("error.unexpected", null, locale);
        }
    }

    private static Caller caller(Authentication authentication) {
        return SecurityConfiguration.caller(authentication);
    }
}
