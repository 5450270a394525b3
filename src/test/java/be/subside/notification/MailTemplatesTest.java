package be.subside.notification;

import static org.assertj.core.api.Assertions.*;

import be.subside.identity.Language;
import java.io.StringReader;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xml.sax.InputSource;

/**
 * Every template renders with complete data in both languages; a template that uses a variable nobody provides fails
 * here, so it fails the build.
 */
class MailTemplatesTest {

    final MailTemplates templates = new MailTemplates();

    /** The complete data of each event, as NotificationService provides it. */
    static Map<String, Object> complete(NotificationEvent event) {
        Map<String, Object> model = new HashMap<>();
        if (event == NotificationEvent.STAFF_DIGEST) {
            model.put("staffName", "Amélie Dubois");
            model.put("groupName", "staff-cocof");
            model.put("since", "lundi 2 mars 2030 à 07:30 (heure de Bruxelles, Europe/Brussels)");
            model.put("taskCount", "2");
            model.put("tasklistUrl", "https://subside.example/camunda/app/tasklist/");
            model.put("tasks", List.of(new NotificationService.TaskLine("Vérifier l'éligibilité", "ANM-2024-0042",
                    "2030-03-02 09:00:00 Europe/Brussels"), new NotificationService.TaskLine("Évaluer le projet",
                    "ANM-2024-0043", "2030-03-02 10:00:00 Europe/Brussels")));
            return model;
        }
        if (event == NotificationEvent.PASSWORD_RESET) {
            model.put("email", "anna@example.org");
            model.put("resetUrl", "https://subside.example/portal/password/reset?token=abc");
            model.put("validUntil", "samedi 3 mars 2030 à 10:00 (heure de Bruxelles, Europe/Brussels)");
            return model;
        }
        if (event == NotificationEvent.COLLEAGUE_INVITED) {
            model.put("email", "bert@example.org");
            model.put("organisationName", "ASBL Les Ateliers <du> Midi");
            model.put("invitedBy", "anna@example.org");
            model.put("loginUrl", "https://subside.example/portal/login");
            model.put("registerUrl", "https://subside.example/portal/register");
            return model;
        }
        if (event == NotificationEvent.ACCOUNT_VERIFICATION || event == NotificationEvent.ACCOUNT_EXISTS) {
            model.put("email", "anna@example.org");
            model.put("verificationUrl", "https://subside.example/portal/verify?token=abc");
            model.put("validUntil", "samedi 3 mars 2030 à 10:00 (heure de Bruxelles, Europe/Brussels)");
            model.put("loginUrl", "https://subside.example/portal/login");
            if (event == NotificationEvent.ACCOUNT_EXISTS) {
                model.remove("verificationUrl");
                model.remove("validUntil");
            } else {
                model.remove("loginUrl");
            }
            return model;
        }
        model.put("organisationName", "ASBL Les Ateliers <du> Midi");
        model.put("reference", "ANM-2024-0042");
        model.put("callTitle", "Mutualisations ANM 2024-2025");
        model.put("portalUrl", "https://subside.example/portal/applications/ANM-2024-0042");
        String deadline = "lundi 1 avril 2024 à 24:00 (heure de Bruxelles, Europe/Brussels)";
        switch (event) {
            case DRAFT_STARTED -> model.put("stage1Deadline", deadline);
            case STAGE1_REMINDER, STAGE2_REMINDER -> {
                model.put("deadline", deadline);
                model.put("daysLeft", "7");
            }
            case DRAFT_CLOSED, SUBSIDY_REQUEST_CLOSED -> model.put("deadline", deadline);
            case STAGE1_SUBMITTED, STAGE2_SUBMITTED -> {
                model.put("submittedAt", "vendredi 29 mars 2024 à 14:05 (heure de Bruxelles, Europe/Brussels)");
                model.put("documentCount", "3");
                model.put("receiptSha256", "a".repeat(64));
            }
            case INFORMATION_REQUESTED -> {
                model.put("missingInformation", "Les statuts du partenaire.\nSa lettre d'engagement signée.");
                model.put("responseDeadline", deadline);
            }
            case INADMISSIBLE, INELIGIBLE, NOT_SELECTED, GRANT_REFUSED -> model.put("motivation",
                    "Motivation détaillée de la décision,\nsur deux lignes.");
            case SELECTED -> model.put("stage2Deadline", deadline);
            case GRANTED -> {
                model.put("amount", "75 000,50 €");
                model.put("conditions", "Rapport annuel.");
            }
            case DEADLINE_EXTENDED -> {
                model.put("stageLabel", "dossier de candidature préalable");
                model.put("deadline", deadline);
            }
            default -> throw new IllegalArgumentException(event.name());
        }
        return model;
    }

    @ParameterizedTest
    @EnumSource(NotificationEvent.class)
    void rendersWithCompleteDataInFrenchAndDutch(NotificationEvent event) throws Exception {
        for (Language language : Language.values()) {
            RenderedMail mail = templates.render(event, language, complete(event));
            assertThat(mail.subject()).as("%s %s subject", event, language).isNotBlank().doesNotContain("${", "[(");
            assertThat(mail.text()).as("%s %s text", event, language).isNotBlank().doesNotContain("${", "[(", "[#");
            assertThat(mail.html()).contains("lang=\"" + language.name().toLowerCase() + "\"").doesNotContain("${");
            org.w3c.dom.Document html = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new InputSource(new StringReader(mail.html().replace("<!DOCTYPE html>", ""))));
            assertThat(html.getElementsByTagName("title").item(0).getTextContent()).isEqualTo(mail.subject());
            if (event.ordinal() < NotificationEvent.STAFF_DIGEST.ordinal()) {
                assertThat(mail.subject() + mail.text()).contains("ANM-2024-0042");
                assertThat(mail.html()).contains("ASBL Les Ateliers &lt;du&gt; Midi").doesNotContain("<du>");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = NotificationEvent.class, names = {"INADMISSIBLE", "INELIGIBLE", "NOT_SELECTED", "GRANT_REFUSED"})
    void negativeDecisionsCarryTheirMotivation(NotificationEvent event) {
        for (Language language : Language.values()) {
            RenderedMail mail = templates.render(event, language, complete(event));
            assertThat(mail.text()).contains("Motivation détaillée de la décision,\nsur deux lignes.");
            assertThat(mail.html()).contains("Motivation détaillée de la décision,");
        }
    }

    @ParameterizedTest
    @EnumSource(NotificationEvent.class)
    void aVariableTheTemplateUsesButNobodyProvidesFails(NotificationEvent event) {
        for (Language language : EnumSet.allOf(Language.class)) {
            Map<String, Object> model = complete(event);
            int failures = 0;
            for (String variable : List.copyOf(model.keySet())) {
                Map<String, Object> missing = new HashMap<>(model);
                missing.remove(variable);
                try {
                    templates.render(event, language, missing);
                } catch (RuntimeException e) {
                    assertThat(e).hasStackTraceContaining("'" + variable + "' is not provided");
                    failures++;
                }
            }
            assertThat(failures).as("templates of %s in %s use their variables", event, language).isPositive();
        }
    }

    /**
     * A stencil filled with one recipient's values gives exactly the mail the templates render for that recipient,
     * with values that HTML escapes (quotes, ampersands, angle brackets), accents, a dollar sign and a backslash (which
     * a regex replacement would read), in both languages, for every mail about a case.
     */
    @ParameterizedTest
    @EnumSource(value = NotificationEvent.class, names = {"DRAFT_STARTED", "STAGE1_REMINDER", "DRAFT_CLOSED",
        "STAGE2_REMINDER", "SUBSIDY_REQUEST_CLOSED", "SELECTED", "NOT_SELECTED", "DEADLINE_EXTENDED"})
    void aFilledStencilIsTheMailTheTemplatesRender(NotificationEvent event) {
        for (Language language : Language.values()) {
            MailTemplates.Stencil stencil = templates.stencil(event, language, complete(event),
                    java.util.Set.of("organisationName", "reference", "portalUrl"));
            for (String name : List.of("ASBL \"L'Atelier\" & <Fils> — Bruxelles", "VZW $1 \\ Één", "Plain")) {
                Map<String, Object> model = complete(event);
                model.put("organisationName", name);
                model.put("reference", "ANM-2030-" + name.length());
                model.put("portalUrl", "https://subside.example/portal/applications/ANM-2030-" + name.length() + "?a=1&b=2");
                RenderedMail filled = stencil.fill(model);
                assertThat(filled).as("%s %s %s", event, language, name).isEqualTo(templates.render(event, language, model));
                assertThat(filled.text() + filled.html()).doesNotContain("\uE000", "\uE001");
            }
        }
    }
}
