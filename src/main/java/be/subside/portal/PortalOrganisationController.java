package be.subside.portal;

import be.subside.call.Administration;
import be.subside.identity.Language;
import be.subside.identity.LegalForm;
import be.subside.identity.Organisation;
import be.subside.identity.OrganisationService;
import be.subside.shared.InvalidInputException;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An organisation in the portal: its registration (the registering user becomes its administrator), its profile, and
 * its members, whom administrators invite by e-mail address and may remove. Members only; the service decides.
 */
@Controller
class PortalOrganisationController {

    private final OrganisationService organisations;
    private final PortalErrors errorTexts;

    PortalOrganisationController(OrganisationService organisations, PortalErrors errorTexts) {
        this.organisations = organisations;
        this.errorTexts = errorTexts;
    }

    @GetMapping("/portal/organisations/new")
    String organisationForm(Model model) {
        model.addAttribute("legalForms", LegalForm.values());
        return "portal/organisation";
    }

    @PostMapping("/portal/organisations")
    String registerOrganisation(@RequestParam Map<String, String> form, Authentication user, Locale locale,
            Model model) {
        try {
            organisations.register(new Organisation(form.get("name"), parse(LegalForm.class, form.get("legalForm")),
                    form.get("enterpriseNumber"), form.get("street"), form.get("postalCode"), form.get("municipality"),
                    parse(Administration.class, form.get("competentAdministration")),
                    parse(Language.class, form.get("language")), form.get("contactEmail")), user.getName());
        } catch (InvalidInputException e) {
            model.addAttribute("legalForms", LegalForm.values());
            model.addAttribute("form", form);
            model.addAttribute("errorField", e.field());
            model.addAttribute("errorMessage", errorTexts.text(e, locale));
            return "portal/organisation";
        }
        return "redirect:/portal";
    }

    @GetMapping("/portal/organisations/{id}")
    String profile(@PathVariable Long id, Authentication user, Model model) {
        return profilePage(organisations.forMember(id, user.getName()), null, null, user, model);
    }

    @PostMapping("/portal/organisations/{id}")
    String updateProfile(@PathVariable Long id, @RequestParam Map<String, String> form, Authentication user,
            Locale locale, Model model) {
        try {
            organisations.updateProfile(id, user.getName(), form.get("name"),
                    parse(LegalForm.class, form.get("legalForm")), form.get("street"), form.get("postalCode"),
                    form.get("municipality"), parse(Language.class, form.get("language")), form.get("contactEmail"));
        } catch (InvalidInputException e) {
            model.addAttribute("form", form);
            return profilePage(organisations.forMember(id, user.getName()), e.field(), errorTexts.text(e, locale),
                    user, model);
        }
        return "redirect:/portal/organisations/" + id + "?saved";
    }

    @PostMapping("/portal/organisations/{id}/members")
    String invite(@PathVariable Long id, @RequestParam(required = false) String email, Authentication user,
            Locale locale, Model model, RedirectAttributes redirect) {
        try {
            organisations.invite(id, user.getName(), email);
        } catch (InvalidInputException e) {
            model.addAttribute("inviteEmail", email);
            return profilePage(organisations.forMember(id, user.getName()), "inviteEmail",
                    errorTexts.text(e, locale), user, model);
        }
        redirect.addFlashAttribute("invited", email.strip());
        return "redirect:/portal/organisations/" + id + "#members";
    }

    @PostMapping("/portal/organisations/{id}/members/remove")
    String remove(@PathVariable Long id, @RequestParam String userId, Authentication user, Locale locale,
            RedirectAttributes redirect) {
        try {
            organisations.removeMember(id, user.getName(), userId);
            redirect.addFlashAttribute("removed", userId);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("memberProblem", errorTexts.text(e, locale));
        }
        return "redirect:/portal/organisations/" + id + "#members";
    }

    private String profilePage(Organisation organisation, String errorField, String errorMessage, Authentication user,
            Model model) {
        model.addAttribute("organisation", organisation);
        model.addAttribute("enterpriseNumber",
                be.subside.identity.EnterpriseNumber.format(organisation.getEnterpriseNumber()));
        model.addAttribute("members", organisations.members(organisation.getId(), user.getName()));
        model.addAttribute("administrator", organisations.isAdministrator(organisation.getId(), user.getName()));
        model.addAttribute("legalForms", LegalForm.values());
        model.addAttribute("user", user.getName());
        model.addAttribute("errorField", errorField);
        model.addAttribute("errorMessage", errorMessage);
        return "portal/organisation-profile";
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value) {
        try {
            return value == null || value.isBlank() ? null : Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
