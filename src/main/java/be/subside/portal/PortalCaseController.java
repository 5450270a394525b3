package be.subside.portal;

import be.subside.application.Application;
import be.subside.application.ApplicationService;
import be.subside.application.ApplicationState;
import be.subside.application.MissingPiecesException;
import be.subside.application.Stage1Content;
import be.subside.application.Stage2Content;
import be.subside.audit.AuditTrail;
import be.subside.call.Aim;
import be.subside.call.Measure;
import be.subside.call.RequiredDocument;
import be.subside.call.Stage;
import be.subside.document.Document;
import be.subside.document.DocumentService;
import be.subside.identity.EnterpriseNumber;
import be.subside.identity.Language;
import be.subside.identity.Organisation;
import be.subside.shared.Deadlines;
import be.subside.shared.DomainException;
import be.subside.shared.NotFoundException;
import be.subside.shared.ForbiddenException;
import be.subside.shared.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A case in the portal: its page (state, timeline, documents checklist, receipts) and the preliminary dossier, which is
 * the very form of forms/ that staff see in Tasklist, rendered and checked on the server.
 */
@Controller
class PortalCaseController {

    static final String DOSSIER_FORM = "preliminary-dossier";
    /** What the applicant sees of the audit trail: their own steps and the decisions addressed to them. */
    static final Set<String> TIMELINE = Set.of("DRAFT_STARTED", "STAGE1_SUBMITTED", "INFORMATION_REQUESTED",
            "INFORMATION_PROVIDED", "INFORMATION_NOT_PROVIDED", "DRAFT_EXPIRED", "ADMISSIBILITY_INADMISSIBLE",
            "ELIGIBILITY_INELIGIBLE", "SELECTION_SELECTED", "SELECTION_NOT_SELECTED", "STAGE2_SUBMITTED",
            "STAGE2_EXPIRED", "GRANT_GRANTED", "GRANT_REFUSED", "RECEIPT_ISSUED");

    private final ApplicationService applications;
    private final DocumentService documents;
    private final AuditTrail audit;
    private final FormCatalog forms;
    private final FormValidator validator;
    private final FormRenderer renderer;
    private final PortalErrors errorTexts;

    PortalCaseController(ApplicationService applications, DocumentService documents, AuditTrail audit,
            FormCatalog forms, FormValidator validator, FormRenderer renderer, PortalErrors errors) {
        this.errorTexts = errors;
        this.applications = applications;
        this.documents = documents;
        this.audit = audit;
        this.forms = forms;
        this.validator = validator;
        this.renderer = renderer;
    }

    @PostMapping("/portal/calls/{code}/applications")
    String start(@PathVariable String code, @RequestParam Long organisationId, Authentication user) {
        Application draft = applications.startDraft(code, organisationId, user.getName());
        return "redirect:/portal/applications/" + draft.getReference() + "/dossier";
    }

    record TimelineEntry(String when, String type) {
    }

    record Slot(String slot, String label, String partner, String partnerName, Document document) {
    }

    @GetMapping("/portal/applications/{reference}")
    String page(@PathVariable String reference, Authentication user, Locale locale, Model model) {
        Application application = applications.forApplicant(reference, user.getName());
        Language language = PortalController.language(locale);
        model.addAttribute("caseFile", application); // "application" is Thymeleaf's name for the servlet context
        model.addAttribute("callTitle", language == Language.NL ? application.getCall().getTitleNl()
                : application.getCall().getTitleFr());
        Stage stage = application.getStage1SubmittedAt() == null || application.getState() == ApplicationState.DRAFT
                ? Stage.STAGE1 : Stage.STAGE2;
        model.addAttribute("deadline", Deadlines.describe(application.getCall().deadline(stage), locale));
        model.addAttribute("editable", application.getState() == ApplicationState.DRAFT);
        model.addAttribute("informationRequested", application.getState() == ApplicationState.INFORMATION_REQUESTED);
        model.addAttribute("timeline", audit.caseTimeline(application.getId()).stream()
                .filter(e -> TIMELINE.contains(e.getType()))
                .map(e -> new TimelineEntry(Deadlines.describeMoment(e.getOccurredAt(), locale), e.getType())).toList());
        Stage documentsStage = application.getState() == ApplicationState.DRAFT
                || application.getStage1SubmittedAt() != null && application.getState().ordinal()
                        < ApplicationState.SELECTED.ordinal() ? Stage.STAGE1 : Stage.STAGE2;
        Map<Stage, List<Document>> byStage = new java.util.EnumMap<>(Stage.class);
        for (Stage each : Stage.values()) {
            byStage.put(each, documents.current(application.getId(), each));
        }
        List<Document> current = byStage.get(documentsStage);
        model.addAttribute("documentsStage", documentsStage);
        model.addAttribute("slots", slots(application, documentsStage, current, language));
        model.addAttribute("uploadsOpen", application.getState() == ApplicationState.DRAFT
                || application.getState() == ApplicationState.SELECTED);
        model.addAttribute("subsidyRequestOpen", application.getState() == ApplicationState.SELECTED);
        model.addAttribute("receipts", byStage.values().stream().flatMap(List::stream)
                .filter(d -> Document.RECEIPT.equals(d.getSlot())).toList());
        return "portal/case";
    }

    private static List<Slot> slots(Application application, Stage stage, List<Document> current, Language language) {
        List<Slot> slots = new ArrayList<>();
        for (RequiredDocument required : application.getCall().requiredDocuments(stage)) {
            String label = language == Language.NL ? required.labelNl() : required.labelFr();
            if (required.onePerPartner()) {
                for (Organisation partner : application.getPartners()) {
                    String key = required.slot() + "#" + partner.getId();
                    slots.add(new Slot(required.slot(), label, partner.getEnterpriseNumber(), partner.getName(),
                            current.stream().filter(d -> d.getSlotKey().equals(key)).findFirst().orElse(null)));
                }
            } else {
                slots.add(new Slot(required.slot(), label, null, null, current.stream()
                        .filter(d -> d.getSlotKey().equals(required.slot())).findFirst().orElse(null)));
            }
        }
        return slots;
    }

    @PostMapping("/portal/applications/{reference}/documents")
    String upload(@PathVariable String reference, @RequestParam String slot,
            @RequestParam(defaultValue = "STAGE1") Stage stage,
            @RequestParam(required = false) String partner, @RequestParam("file") MultipartFile file,
            Authentication user, Locale locale, RedirectAttributes redirect) {
        try {
            store(reference, slot, stage, partner, file, user);
            redirect.addFlashAttribute("uploaded", file.getOriginalFilename());
        } catch (DomainException e) {
            redirect.addFlashAttribute("uploadError", errorTexts.text(e, locale));
        }
        return "redirect:/portal/applications/" + reference + "#documents";
    }

    /**
     * The same upload sent by the page's script, which shows its progress: answers 200 or 422 with the refusal in the
     * user's language, and the page then refreshes its checklist in place.
     */
    @PostMapping(path = "/portal/applications/{reference}/documents", headers = "X-Requested-With=XMLHttpRequest")
    @ResponseBody
    ResponseEntity<Map<String, Object>> uploadFromScript(@PathVariable String reference,
            @RequestParam String slot, @RequestParam(defaultValue = "STAGE1") Stage stage,
            @RequestParam(required = false) String partner, @RequestParam("file") MultipartFile file,
            Authentication user, Locale locale) {
        try {
            store(reference, slot, stage, partner, file, user);
            return ResponseEntity.ok(Map.of("fileName", file.getOriginalFilename()));
        } catch (ForbiddenException | NotFoundException e) {
            throw e;
        } catch (DomainException e) {
            return problem(HttpStatus.UNPROCESSABLE_ENTITY, errorTexts.text(e, locale));
        }
    }

    private void store(String reference, String slot, Stage stage, String partner, MultipartFile file,
            Authentication user) {
        try (InputStream in = file.getInputStream()) {
            documents.upload(reference, user.getName(), stage, slot, partner, file.getOriginalFilename(), in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A document of one of the user's cases, in the portal session (same checks as the API). */
    @GetMapping("/portal/documents/{id}")
    ResponseEntity<org.springframework.core.io.InputStreamResource> download(
            @PathVariable Long id, Authentication user) {
        return be.subside.document.ContentDispositions.download(
                documents.open(id, be.subside.identity.Caller.applicant(user.getName())));
    }

    @PostMapping("/portal/applications/{reference}/documents/{id}/remove")
    String remove(@PathVariable String reference, @PathVariable Long id, Authentication user) {
        applications.forApplicant(reference, user.getName());
        documents.remove(id, user.getName());
        return "redirect:/portal/applications/" + reference + "#documents";
    }

    static final String INFORMATION_FORM = "provide-missing-information";

    @GetMapping("/portal/applications/{reference}/information")
    String information(@PathVariable String reference, Authentication user, Locale locale, Model model) {
        Application application = applications.forApplicant(reference, user.getName());
        return informationPage(application, Map.of(), List.of(), null, locale, model);
    }

    @PostMapping("/portal/applications/{reference}/information")
    String provideInformation(@PathVariable String reference, @RequestParam MultiValueMap<String, String> form,
            Authentication user, Locale locale, Model model) {
        Application application = applications.forApplicant(reference, user.getName());
        FormValidator.Result result = validator.validate(forms.get(INFORMATION_FORM), form, PortalController.language(locale));
        Map<String, Object> entered = entered(INFORMATION_FORM, form);
        if (!result.valid()) {
            return informationPage(application, entered, result.errors(), null, locale, model);
        }
        try {
            applications.provideMissingInformation(reference, user.getName(),
                    (String) result.values().get("missingInformationResponse"));
        } catch (DomainException e) {
            return informationPage(application, entered, List.of(), errorTexts.text(e, locale), locale, model);
        }
        return "redirect:/portal/applications/" + reference + "?informed";
    }

    private String informationPage(Application application, Map<String, ?> entered,
            List<FormValidator.FieldError> errors, String problem, Locale locale, Model model) {
        Map<String, Object> values = new HashMap<>(entered);
        applications.informationRequests(application.getId()).stream()
                .filter(r -> r.getStatus() == be.subside.application.InformationRequest.Status.OPEN).findFirst()
                .ifPresent(request -> {
                    values.put("missingInformation", request.getRequestText());
                    values.put("missingInformationDeadlineText", Deadlines.describe(request.getDeadline(), locale));
                    model.addAttribute("deadline", Deadlines.describe(request.getDeadline(), locale));
                });
        model.addAttribute("open", application.getState() == ApplicationState.INFORMATION_REQUESTED);
        return formPage("portal/information", INFORMATION_FORM, application, values, errors, problem, locale, model);
    }

    static final String SUBSIDY_FORM = "subsidy-request";

    @GetMapping("/portal/applications/{reference}/subsidy-request")
    String subsidyRequest(@PathVariable String reference, Authentication user, Locale locale, Model model) {
        Application application = applications.forApplicant(reference, user.getName());
        Map<String, Object> values = new HashMap<>();
        values.put("applicationReference", reference);
        Stage2Content c = application.getStage2();
        if (c != null) {
            putPresent(values, "detailedBudgetTotal", c.detailedBudgetTotal());
            putPresent(values, "requestedAmount", c.requestedAmount());
            putPresent(values, "projectStartDate", c.projectStartDate());
            putPresent(values, "durationMonths", c.durationMonths());
            putPresent(values, "staffFte", c.staffFte());
            putPresent(values, "workPlan", c.workPlan());
        }
        return subsidyPage(application, values, List.of(), null, locale, model);
    }

    @PostMapping("/portal/applications/{reference}/subsidy-request")
    String saveOrSubmitSubsidyRequest(@PathVariable String reference, @RequestParam MultiValueMap<String, String> form,
            @RequestParam(defaultValue = "submit") String action, Authentication user, Locale locale, Model model) {
        // as the dossier's post: the case is read for the page only when the page comes back with errors
        FormDefinition definition = forms.get(SUBSIDY_FORM);
        FormValidator.Result result = validator.validate(definition, form, PortalController.language(locale));
        Map<String, Object> entered = entered(SUBSIDY_FORM, form);
        boolean submit = !"save".equals(action);
        List<FormValidator.FieldError> errors = submit ? result.errors() : draftErrors(result);
        if (!errors.isEmpty()) {
            return subsidyPage(applications.forApplicant(reference, user.getName()), entered, errors, null, locale,
                    model);
        }
        try {
            if (!submit) {
                applications.saveStage2Draft(reference, user.getName(), stage2(result.values()), true);
                return "redirect:/portal/applications/" + reference + "/subsidy-request?saved";
            }
            applications.submitStage2(reference, user.getName(), stage2(result.values()));
        } catch (DomainException e) {
            model.addAttribute("missing", e instanceof MissingPiecesException missing ? missing.missing() : List.of());
            return subsidyPage(applications.forApplicant(reference, user.getName()), entered,
                    fieldError(definition, e, locale), errorTexts.text(e, locale), locale, model);
        }
        return "redirect:/portal/applications/" + reference + "?submitted";
    }

    /** The subsidy request page's autosave: as the dossier's. */
    @PostMapping("/portal/applications/{reference}/subsidy-request/draft")
    @ResponseBody
    ResponseEntity<Map<String, Object>> autosaveSubsidyRequest(@PathVariable String reference,
            @RequestParam MultiValueMap<String, String> form, Authentication user, Locale locale) {
        return autosave(reference, SUBSIDY_FORM, form, user, locale,
                values -> applications.saveStage2Draft(reference, user.getName(), stage2(values), false));
    }

    private static Stage2Content stage2(Map<String, Object> v) {
        BigDecimal months = (BigDecimal) v.get("durationMonths");
        return new Stage2Content((BigDecimal) v.get("detailedBudgetTotal"), (BigDecimal) v.get("requestedAmount"),
                (java.time.LocalDate) v.get("projectStartDate"), months == null ? null : months.intValue(),
                (BigDecimal) v.get("staffFte"), (String) v.get("workPlan"));
    }

    private static void putPresent(Map<String, Object> values, String key, Object value) {
        if (value != null) {
            values.put(key, value instanceof BigDecimal number ? number.toPlainString() : value.toString());
        }
    }

    private String subsidyPage(Application application, Map<String, ?> values, List<FormValidator.FieldError> errors,
            String problem, Locale locale, Model model) {
        model.addAttribute("editable", application.getState() == ApplicationState.SELECTED);
        model.addAttribute("deadline", Deadlines.describe(application.getCall().getStage2Deadline(), locale));
        return formPage("portal/subsidy-request", SUBSIDY_FORM, application, values, errors, problem, locale, model);
    }

    @GetMapping("/portal/applications/{reference}/dossier")
    String dossier(@PathVariable String reference, Authentication user, Locale locale, Model model) {
        Application application = applications.forApplicant(reference, user.getName());
        return dossierPage(application, values(application), List.of(), null, locale, model);
    }

    @PostMapping("/portal/applications/{reference}/dossier")
    String saveOrSubmit(@PathVariable String reference, @RequestParam MultiValueMap<String, String> form,
            @RequestParam(defaultValue = "save") String action, Authentication user, Locale locale, Model model) {
        // the case is read for the page only when the page comes back with errors: the service reads it (and checks
        // that the user acts for it) in its own transaction, and a deadline rush pays for every read
        Language language = PortalController.language(locale);
        FormDefinition definition = forms.get(DOSSIER_FORM);
        Map<String, Object> entered = entered(DOSSIER_FORM, form);
        boolean submit = "submit".equals(action);
        FormValidator.Result result = validator.validate(definition, form, language);
        List<FormValidator.FieldError> errors = submit ? result.errors() : draftErrors(result);
        if (!errors.isEmpty()) {
            return dossierPage(applications.forApplicant(reference, user.getName()), entered, errors, null, locale,
                    model);
        }
        Stage1Content content = content(result.values());
        try {
            if (submit) {
                applications.submitStage1(reference, user.getName(), content);
                return "redirect:/portal/applications/" + reference + "?submitted";
            }
            applications.saveStage1Draft(reference, user.getName(), content);
            return "redirect:/portal/applications/" + reference + "/dossier?saved";
        } catch (DomainException e) {
            List<String> problems = e instanceof MissingPiecesException missing ? missing.missing() : List.of();
            model.addAttribute("missing", problems);
            return dossierPage(applications.forApplicant(reference, user.getName()), entered,
                    fieldError(definition, e, locale), errorTexts.text(e, locale), locale, model);
        }
    }

    /**
     * The page's autosave (JavaScript, and a beacon when the tab closes): the draft as typed so far, with the same
     * checks as "save draft". Answers 200 when saved, 422 with the fields at fault in the user's language (nothing
     * saved), or 409 when the dossier can no longer change (deadline passed, already submitted).
     */
    @PostMapping("/portal/applications/{reference}/dossier/draft")
    @ResponseBody
    ResponseEntity<Map<String, Object>> autosave(@PathVariable String reference,
            @RequestParam MultiValueMap<String, String> form, Authentication user, Locale locale) {
        return autosave(reference, DOSSIER_FORM, form, user, locale,
                values -> applications.autosaveStage1Draft(reference, user.getName(), content(values)));
    }

    /** Checks a form's draft as "save draft" does and, when acceptable, saves it with {@code save}. */
    private ResponseEntity<Map<String, Object>> autosave(String reference, String formId,
            MultiValueMap<String, String> form, Authentication user, Locale locale,
            java.util.function.Consumer<Map<String, Object>> save) {
        applications.forApplicant(reference, user.getName());
        FormDefinition definition = forms.get(formId);
        FormValidator.Result result = validator.validate(definition, form, PortalController.language(locale));
        List<FormValidator.FieldError> errors = draftErrors(result);
        if (errors.isEmpty()) {
            try {
                save.accept(result.values());
                return ResponseEntity.ok(Map.of("saved", true));
            } catch (InvalidInputException e) {
                errors = fieldError(definition, e, locale);
                if (errors.isEmpty()) {
                    return problem(HttpStatus.UNPROCESSABLE_ENTITY, errorTexts.text(e, locale));
                }
            } catch (DomainException e) {
                return problem(HttpStatus.CONFLICT, errorTexts.text(e, locale));
            }
        }
        return ResponseEntity.unprocessableEntity().body(Map.of("errors", errors.stream()
                .map(e -> Map.of("field", e.fieldId(), "message", e.message())).toList()));
    }

    private static ResponseEntity<Map<String, Object>> problem(
            HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("message", message));
    }

    /**
     * What the user typed, to show it again with the errors: one value, or the list of checked values; a dynamic
     * list's items as the validator numbers them, so that an error's id names the item shown.
     */
    private Map<String, Object> entered(String formId, MultiValueMap<String, String> form) {
        Map<String, Object> entered = new HashMap<>();
        form.forEach((key, values) -> entered.put(key, values.size() == 1 ? values.get(0) : values));
        forms.get(formId).forEachField(field -> {
            if (field.type() == FormField.Type.DYNAMICLIST) {
                entered.put(field.key(), FormValidator.items(field, form));
            }
        });
        return entered;
    }

    /** The model every page showing a form of forms/ has: the case, the rendered fields, a problem to show on top. */
    private String formPage(String view, String formId, Application application, Map<String, ?> values,
            List<FormValidator.FieldError> errors, String problem, Locale locale, Model model) {
        model.addAttribute("caseFile", application); // "application" is Thymeleaf's name for the servlet context
        model.addAttribute("fields", renderer.render(forms.get(formId), values, errors,
                PortalController.language(locale)));
        model.addAttribute("problem", problem);
        return view;
    }

    /** A draft may be saved incomplete: only the errors about what was typed count, not what is still missing. */
    private List<FormValidator.FieldError> draftErrors(FormValidator.Result result) {
        return result.errors().stream().filter(e -> !"required".equals(e.code())).toList();
    }

    /** Where the domain names a field differently from the form that fills it. */
    private static final Map<String, String> FORM_KEYS = Map.of("partnerEnterpriseNumbers", "partners");
    private static final java.util.regex.Pattern INDEXED = java.util.regex.Pattern.compile("(\\w+)\\[(\\d+)]");

    /**
     * The field a business refusal is about, to show it next to that field: {@code name} or, for one item of a list,
     * {@code name[n]} (item n of the list's first input).
     */
    private List<FormValidator.FieldError> fieldError(FormDefinition definition, DomainException e, Locale locale) {
        if (e.field() == null) {
            return List.of();
        }
        java.util.regex.Matcher indexed = INDEXED.matcher(e.field());
        String name = indexed.matches() ? indexed.group(1) : e.field();
        String key = FORM_KEYS.getOrDefault(name, name);
        List<FormValidator.FieldError> found = new ArrayList<>();
        definition.forEachField(field -> {
            if (key.equals(field.key())) {
                String id = field.id();
                if (field.type() == FormField.Type.DYNAMICLIST && indexed.matches()) {
                    id = field.children().stream().filter(FormField::isInput).findFirst().map(FormField::id)
                            .orElse(field.id()) + "-" + indexed.group(2);
                }
                found.add(new FormValidator.FieldError(id, field.key(), e.code(), errorTexts.text(e, locale)));
            }
        });
        return found;
    }

    private String dossierPage(Application application, Map<String, ?> values, List<FormValidator.FieldError> errors,
            String problem, Locale locale, Model model) {
        model.addAttribute("editable", application.getState() == ApplicationState.DRAFT);
        model.addAttribute("deadline", Deadlines.describe(application.getCall().getStage1Deadline(), locale));
        return formPage("portal/dossier", DOSSIER_FORM, application, values, errors, problem, locale, model);
    }

    private static Map<String, Object> values(Application application) {
        Map<String, Object> values = new HashMap<>();
        values.put("applicationReference", application.getReference());
        if (application.getTitle() != null) {
            values.put("projectTitle", application.getTitle());
        }
        if (application.getSummary() != null) {
            values.put("projectSummary", application.getSummary());
        }
        values.put("measures", application.getMeasures().stream().map(Enum::name).toList());
        values.put("aims", application.getAims().stream().map(Enum::name).toList());
        values.put("partners", application.getPartners().stream()
                .map(p -> Map.of("enterpriseNumber", EnterpriseNumber.format(p.getEnterpriseNumber()))).toList());
        if (application.getRequestedAmount() != null) {
            values.put("requestedAmount", application.getRequestedAmount().toPlainString());
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static Stage1Content content(Map<String, Object> values) {
        Set<Measure> measures = EnumSet.noneOf(Measure.class);
        ((List<String>) values.getOrDefault("measures", List.of())).forEach(m -> measures.add(Measure.valueOf(m)));
        Set<Aim> aims = EnumSet.noneOf(Aim.class);
        ((List<String>) values.getOrDefault("aims", List.of())).forEach(a -> aims.add(Aim.valueOf(a)));
        List<String> partners = ((List<Map<String, Object>>) values.getOrDefault("partners", List.of())).stream()
                .map(item -> (String) item.get("enterpriseNumber")).filter(java.util.Objects::nonNull).toList();
        return new Stage1Content((String) values.get("projectTitle"), (String) values.get("projectSummary"), measures,
                aims, partners, (BigDecimal) values.get("requestedAmount"));
    }
}
