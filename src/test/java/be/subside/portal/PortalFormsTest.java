package be.subside.portal;

import static org.assertj.core.api.Assertions.*;

import be.subside.identity.Language;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** The portal reads the very files of forms/, renders every one of them in both languages and checks submissions. */
class PortalFormsTest {

    static final FormCatalog catalog = new FormCatalog();
    static final FormTexts texts = new FormTexts();
    final FormValidator validator = new FormValidator(texts);
    final FormRenderer renderer = new FormRenderer(engine(), texts);

    static SpringTemplateEngine engine() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }

    static Map<String, List<String>> params(String... pairs) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return params;
    }

    @Test
    void readsEveryFormOfTheFormsFolder() {
        assertThat(catalog.all().keySet()).containsExactlyInAnyOrder("analyse-subsidy-request", "check-admissibility",
                "check-eligibility", "decide-grant", "declare-conflict-of-interest", "evaluate-application",
                "preliminary-dossier", "provide-missing-information", "select-applications", "subsidy-request");
    }

    @Test
    void refusesComponentsAndConditionsItDoesNotKnow() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThatThrownBy(() -> FormDefinition.parse(json.readTree(
                "{\"id\":\"x\",\"components\":[{\"id\":\"f\",\"type\":\"filepicker\",\"key\":\"file\"}]}")))
                .isInstanceOf(UnsupportedFormException.class).hasMessageContaining("filepicker");
        assertThatThrownBy(() -> FormDefinition.parse(json.readTree("{\"id\":\"x\",\"components\":[{\"id\":\"f\","
                + "\"type\":\"textfield\",\"key\":\"a\",\"conditional\":{\"hide\":\"=a > 3 and b\"}}]}")))
                .isInstanceOf(UnsupportedFormException.class).hasMessageContaining("FEEL");
        assertThatThrownBy(() -> FormDefinition.parse(json.readTree("{\"id\":\"x\",\"components\":[{\"id\":\"f\","
                + "\"type\":\"select\",\"key\":\"a\",\"valuesKey\":\"options\"}]}")))
                .isInstanceOf(UnsupportedFormException.class);
    }

    /** The forms the portal renders; staff forms are bilingual in themselves (StaffFormLanguagesTest). */
    static final List<String> APPLICANT_FORMS = List.of(PortalCaseController.DOSSIER_FORM,
            PortalCaseController.INFORMATION_FORM, PortalCaseController.SUBSIDY_FORM);

    @Test
    void everyTextOfEveryApplicantFormExistsInDutchAndNothingElse() {
        Set<String> needed = new TreeSet<>();
        APPLICANT_FORMS.forEach(id -> needed.addAll(FormTexts.keys(catalog.get(id))));
        assertThat(needed).hasSizeGreaterThan(40);
        assertThat(new TreeSet<>(texts.dutchKeys())).as("Dutch keys").isEqualTo(needed);
    }

    @Test
    void rendersEveryApplicantFormInBothLanguagesWithEveryInputLabelled() {
        Pattern ids = Pattern.compile("<(?:input|textarea|select)[^>]*\\sid=\"([^\"]+)\"");
        Pattern labels = Pattern.compile("<label for=\"([^\"]+)\"");
        for (FormDefinition form : APPLICANT_FORMS.stream().map(catalog::get).toList()) {
            for (Language language : Language.values()) {
                String html = renderer.render(form, Map.of("applicationReference", "ANM-2024-0042"), List.of(), language);
                Set<String> inputs = all(ids.matcher(html));
                Set<String> labelled = all(labels.matcher(html));
                assertThat(inputs).as("%s %s inputs", form.id(), language).isNotEmpty();
                assertThat(labelled).as("%s %s: every input has its label", form.id(), language).containsAll(inputs);
                assertThat(html).doesNotContain("{{");
            }
        }
        String dutch = renderer.render(catalog.get("preliminary-dossier"), Map.of(), List.of(), Language.NL);
        assertThat(dutch).contains("Aankoopcentrales").doesNotContain("Centrales d'achat");
    }

    private static Set<String> all(Matcher matcher) {
        Set<String> found = new HashSet<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    @Test
    void showsErrorsNextToTheFieldAndInASummary() {
        FormDefinition form = catalog.get("preliminary-dossier");
        FormValidator.Result result = validator.validate(form, params("requestedAmount", "-5"), Language.FR);
        String html = renderer.render(form, Map.of("requestedAmount", "-5"), result.errors(), Language.FR);

        assertThat(result.valid()).isFalse();
        assertThat(html).contains("role=\"alert\"", "Le formulaire contient " + result.errors().size() + " erreur(s)");
        FormValidator.FieldError amount = result.errors().stream().filter(e -> e.key().equals("requestedAmount"))
                .findFirst().orElseThrow();
        assertThat(html).contains("href=\"#" + amount.fieldId() + "\"", "id=\"" + amount.fieldId() + "-error\"",
                "aria-invalid=\"true\"");
    }

    @Test
    void escapesWhatUsersTyped() {
        FormDefinition form = catalog.get("preliminary-dossier");
        String payload = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";
        String html = renderer.render(form, Map.of("projectTitle", payload, "projectSummary", payload), List.of(),
                Language.FR);
        assertThat(html).doesNotContain("<script>alert(1)", "<img src=x").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(FormRenderer.markdown("{{x}} **b** [lien](/ok) [mal](javascript:alert(1))",
                Map.of("x", "<b>y</b>"))).isEqualTo(
                        "<p>&lt;b&gt;y&lt;/b&gt; <strong>b</strong> <a href=\"/ok\">lien</a> [mal](javascript:alert(1))</p>");
    }

    @Test
    void validatesAgainstTheSameSchemaAsTasklist() {
        FormDefinition form = catalog.get("preliminary-dossier");
        FormValidator.Result empty = validator.validate(form, Map.of(), Language.NL);
        assertThat(empty.errors()).extracting(FormValidator.FieldError::key).contains("projectTitle", "projectSummary",
                "measures", "aims", "requestedAmount", "declarationAccepted");
        assertThat(empty.errors().get(0).message()).contains("is verplicht");

        FormValidator.Result ok = validator.validate(form, params("projectTitle", " Centrale d'achat ",
                "projectSummary", "Résumé", "measures", "MOBILE_TEAMS", "measures", "PURCHASING_CENTRALS", "aims",
                "JOB_QUALITY", "partners[0].enterpriseNumber", "0423.456.765", "requestedAmount", "45000,50",
                "declarationAccepted", "true", "injected", "${execution}"), Language.FR);
        assertThat(ok.errors()).isEmpty();
        assertThat(ok.values()).containsEntry("projectTitle", "Centrale d'achat")
                .containsEntry("requestedAmount", new BigDecimal("45000.50"))
                .containsEntry("measures", List.of("MOBILE_TEAMS", "PURCHASING_CENTRALS"))
                .containsEntry("declarationAccepted", true).doesNotContainKey("injected");

        FormValidator.Result bad = validator.validate(form, params("projectTitle", "x".repeat(201), "measures", "HACK",
                "requestedAmount", "12.345", "aims", "JOB_QUALITY"), Language.FR);
        Map<String, String> messages = new HashMap<>();
        bad.errors().forEach(e -> messages.put(e.key(), e.message()));
        assertThat(messages.get("projectTitle")).contains("au plus 200 caractères");
        assertThat(messages.get("measures")).contains("une des valeurs proposées");
        assertThat(messages.get("requestedAmount")).contains("décimale");
    }

    @Test
    void aDynamicListKeepsItsFilledItemsInOrderAndNamesTheItemInError() {
        FormDefinition form = catalog.get("preliminary-dossier");
        FormValidator.Result result = validator.validate(form, params("partners[7].enterpriseNumber", "0423.456.765",
                "partners[2].enterpriseNumber", "0202.239.951", "partners[3].enterpriseNumber", " ",
                "partners[9].enterpriseNumber", "x".repeat(21), "partners[4].evil", "${execution}",
                "partners[x].enterpriseNumber", "0000.000.000"), Language.FR);
        assertThat(result.values().get("partners")).isEqualTo(List.of(Map.of("enterpriseNumber", "0202.239.951"),
                Map.of("enterpriseNumber", "0423.456.765"), Map.of()));
        assertThat(result.errors()).extracting(FormValidator.FieldError::fieldId)
                .contains("Field_PartnerEnterpriseNumber-2");

        Map<String, List<String>> many = new HashMap<>();
        for (int i = 0; i <= FormValidator.MAX_ITEMS; i++) {
            many.put("partners[" + i + "].enterpriseNumber", List.of("0423.456.765"));
        }
        assertThat(validator.validate(form, many, Language.NL).errors()).extracting(FormValidator.FieldError::fieldId,
                FormValidator.FieldError::code).contains(org.assertj.core.groups.Tuple.tuple("Field_Partners", "items"));

        String html = renderer.render(form, Map.of("partners", List.of(Map.of("enterpriseNumber", "0423.456.765"))),
                List.of(), Language.NL);
        assertThat(html).contains("name=\"partners[0].enterpriseNumber\"", "value=\"0423.456.765\"",
                "id=\"Field_PartnerEnterpriseNumber-1\"", "name=\"partners[1].enterpriseNumber\"", "Extra regel",
                "<legend>Partnerorganisaties</legend>", "data-add-text=\"Een regel toevoegen");
        assertThat(renderer.render(form, Map.of(), List.of(), Language.FR))
                .contains("name=\"partners[0].enterpriseNumber\"").doesNotContain("partners[1]");
    }

    @Test
    void hiddenFieldsAreNeitherRequiredNorKept() {
        FormDefinition form = catalog.get("check-admissibility");
        FormValidator.Result admissible = validator.validate(form, params("admissibilityDecision", "ADMISSIBLE",
                "admissibilityMotivation", "ignored because hidden"), Language.FR);
        assertThat(admissible.errors()).isEmpty();
        assertThat(admissible.values()).containsOnlyKeys("admissibilityDecision");

        FormValidator.Result inadmissible = validator.validate(form, params("admissibilityDecision", "INADMISSIBLE"),
                Language.FR);
        assertThat(inadmissible.errors()).extracting(FormValidator.FieldError::key)
                .containsExactly("admissibilityMotivation");
        FormValidator.Result dates = validator.validate(catalog.get("subsidy-request"), params("projectStartDate",
                "2030-13-01"), Language.FR);
        assertThat(dates.errors()).anyMatch(e -> e.key().equals("projectStartDate") && e.message().contains("date"));
        assertThat(validator.validate(catalog.get("subsidy-request"), params("projectStartDate", "2030-06-01"),
                Language.FR).values()).containsEntry("projectStartDate", LocalDate.of(2030, 6, 1));
    }
}
