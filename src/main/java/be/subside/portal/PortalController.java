package be.subside.portal;

import be.subside.application.ApplicationService;
import be.subside.call.Call;
import be.subside.call.CallService;
import be.subside.call.CallState;
import be.subside.identity.ApplicantAccounts;
import be.subside.identity.OrganisationService;
import be.subside.identity.Language;
import be.subside.shared.Deadlines;
import be.subside.shared.InvalidInputException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The applicant portal's pages: sign-in, registration, address verification, password reset, home. Thin: services decide. */
@Controller
class PortalController {

    private final ApplicantAccounts accounts;
    private final CallService calls;
    private final ApplicationService applications;
    private final OrganisationService organisations;
    private final Clock clock;
    private final PortalErrors errorTexts;

    PortalController(ApplicantAccounts accounts, CallService calls, ApplicationService applications,
            OrganisationService organisations, Clock clock, PortalErrors errors) {
        this.errorTexts = errors;
        this.accounts = accounts;
        this.calls = calls;
        this.applications = applications;
        this.organisations = organisations;
        this.clock = clock;
    }

    static Language language(Locale locale) {
        return "nl".equals(locale.getLanguage()) ? Language.NL : Language.FR;
    }

    @GetMapping("/portal/login")
    String login() {
        return "portal/login";
    }

    @GetMapping("/portal/register")
    String registerForm() {
        return "portal/register";
    }

    @PostMapping("/portal/register")
    String register(@RequestParam String email, @RequestParam String password, Locale locale, Model model) {
        try {
            accounts.register(email, password, language(locale));
        } catch (InvalidInputException e) {
            model.addAttribute("email", email);
            model.addAttribute("errorField", e.field());
            model.addAttribute("errorCode", e.code());
            return "portal/register";
        }
        return "portal/register-done";
    }

    @GetMapping("/portal/verify")
    String verify(@RequestParam(required = false) String token, Model model) {
        model.addAttribute("verified", accounts.verify(token));
        return "portal/verify";
    }

    @GetMapping("/portal/password/forgot")
    String forgotPasswordForm() {
        return "portal/password-forgot";
    }

    /** Same answer for a known and an unknown address: the link, if any, is in that mailbox. */
    @PostMapping("/portal/password/forgot")
    String forgotPassword(@RequestParam(required = false) String email, Model model) {
        try {
            accounts.requestPasswordReset(email);
        } catch (InvalidInputException e) {
            model.addAttribute("email", email);
            model.addAttribute("errorField", e.field());
            return "portal/password-forgot";
        }
        model.addAttribute("sent", true);
        return "portal/password-forgot";
    }

    @GetMapping("/portal/password/reset")
    String resetPasswordForm(@RequestParam(required = false) String token, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("linkValid", accounts.resetLinkValid(token));
        return "portal/password-reset";
    }

    @PostMapping("/portal/password/reset")
    String resetPassword(@RequestParam(required = false) String token, @RequestParam(required = false) String password,
            Model model) {
        try {
            accounts.resetPassword(token, password);
        } catch (InvalidInputException e) {
            model.addAttribute("token", token);
            model.addAttribute("linkValid", !"token".equals(e.field()));
            model.addAttribute("errorField", e.field());
            return "portal/password-reset";
        }
        return "redirect:/portal/login?reset";
    }

    /** An open call as the home page lists it. */
    record OpenCall(String code, String title, String stage1Deadline, String stage2Deadline, long daysLeft) {
    }

    /** A case as the home page lists it, with what waits for the applicant and until when (or nulls). */
    record MyCase(String reference, String title, String call, String state, String todo, String todoPath, String due) {
    }

    @GetMapping("/portal")
    String home(Authentication authentication, Locale locale, Model model) {
        Language language = language(locale);
        Instant now = clock.instant();
        List<OpenCall> open = calls.all().stream()
                .filter(c -> c.getState() == CallState.OPEN && now.isBefore(c.getStage1Deadline()))
                .map(c -> new OpenCall(c.getCode(), title(c, language), Deadlines.describe(c.getStage1Deadline(), locale(language)),
                        Deadlines.describe(c.getStage2Deadline(), locale(language)),
                        Math.max(0, Duration.between(now, c.getStage1Deadline()).toDays())))
                .toList();
        List<MyCase> mine = applications.mine(authentication.getName()).stream()
                .map(a -> myCase(a, language, locale)).toList();
        model.addAttribute("openCalls", open);
        model.addAttribute("organisations", organisations.organisationsOf(authentication.getName()).stream()
                .map(organisations::get).toList());
        model.addAttribute("cases", mine);
        model.addAttribute("user", authentication.getName());
        return "portal/home";
    }

    private MyCase myCase(be.subside.application.Application a, Language language, Locale locale) {
        String base = "/portal/applications/" + a.getReference();
        String todo = null;
        String path = null;
        Instant due = null;
        switch (a.getState()) {
            case DRAFT -> {
                todo = "todo.dossier";
                path = base + "/dossier";
                due = a.getCall().getStage1Deadline();
            }
            case INFORMATION_REQUESTED -> {
                todo = "todo.information";
                path = base + "/information";
                due = applications.informationRequests(a.getId()).stream()
                        .filter(r -> r.getStatus() == be.subside.application.InformationRequest.Status.OPEN)
                        .map(be.subside.application.InformationRequest::getDeadline).findFirst().orElse(null);
            }
            case SELECTED -> {
                todo = "todo.subsidyRequest";
                path = base + "/subsidy-request";
                due = a.getCall().getStage2Deadline();
            }
            default -> { }
        }
        return new MyCase(a.getReference(), a.getTitle(), title(a.getCall(), language), a.getState().name(), todo, path,
                due == null ? null : Deadlines.describe(due, locale));
    }

    private static Locale locale(Language language) {
        return language == Language.NL ? PortalLocale.DUTCH : PortalLocale.FRENCH;
    }

    private static String title(Call call, Language language) {
        return language == Language.NL ? call.getTitleNl() : call.getTitleFr();
    }
}
