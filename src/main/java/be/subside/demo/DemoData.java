package be.subside.demo;

import be.subside.application.Application;
import be.subside.application.ApplicationService;
import be.subside.application.Stage1Content;
import be.subside.call.Aim;
import be.subside.call.Administration;
import be.subside.call.Call;
import be.subside.call.CallService;
import be.subside.call.Measure;
import be.subside.call.Stage;
import be.subside.document.DocumentService;
import be.subside.identity.ApplicantAccounts;
import be.subside.identity.Language;
import be.subside.identity.LegalForm;
import be.subside.identity.Organisation;
import be.subside.identity.OrganisationService;
import be.subside.process.StaffTasks;
import be.subside.shared.Deadlines;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo a newcomer sees on the embedded default: an open live copy of the reference call (deadlines 30 days ahead,
 * same gap between stages), five organisations and six cases in different states, all made through the same services
 * and process as real ones.
 */
@Component
@Profile("demo")
class DemoData {

    static final String REFERENCE_CALL = "ANM-2024-2025";
    static final String DEMO_CALL = "ANM-DEMO";
    /** Password of every demo applicant login (the organisations' contact addresses); demo profile only. */
    static final String DEMO_APPLICANT_PASSWORD = "demo-applicant";

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final CallService calls;
    private final OrganisationService organisations;
    private final ApplicationService applications;
    private final StaffTasks staffTasks;
    private final DocumentService documents;
    private final ApplicantAccounts accounts;
    private final Clock clock;

    DemoData(CallService calls, OrganisationService organisations, ApplicationService applications,
            StaffTasks staffTasks, DocumentService documents, ApplicantAccounts accounts, Clock clock) {
        this.calls = calls;
        this.organisations = organisations;
        this.applications = applications;
        this.staffTasks = staffTasks;
        this.documents = documents;
        this.accounts = accounts;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(2)
    public void seed() {
        if (calls.all().stream().anyMatch(c -> c.getCode().equals(DEMO_CALL))) {
            return;
        }
        Call reference = calls.get(REFERENCE_CALL);
        Call live = calls.create(reference.copyAs(DEMO_CALL, DEMO_CALL, " (démo / demo)",
                Deadlines.brusselsDate(clock.instant()).plusDays(30)), "demo");
        calls.publish(DEMO_CALL, "demo");

        Organisation ateliers = org("ASBL Les Ateliers du Midi", LegalForm.ASBL_VZW, "0412.345.614", "Rue du Midi 12",
                "1000", "Bruxelles", Administration.COCOF, Language.FR, "anna@ateliers-midi.example");
        Organisation samen = org("VZW Samen Sterk", LegalForm.ASBL_VZW, "0423.456.765", "Brabantstraat 40", "1210",
                "Sint-Joost-ten-Node", Administration.COCOM, Language.NL, "bart@samensterk.example");
        Organisation nord = org("ASBL Maison de Quartier Nord", LegalForm.ASBL_VZW, "0434.567.819", "Rue Gallait 80",
                "1030", "Schaerbeek", Administration.COCOF, Language.FR, "claire@mqnord.example");
        Organisation thuiszorg = org("VZW Brusselse Thuiszorg", LegalForm.ASBL_VZW, "0445.678.970", "Gentsesteenweg 5",
                "1080", "Molenbeek-Saint-Jean", Administration.COCOM, Language.NL, "dirk@thuiszorg.example");
        org("CPAS d'Ixelles (partenaire)", LegalForm.PUBLIC_BODY, "0456.789.034", "Chaussée de Boondael 92", "1050",
                "Ixelles", Administration.COCOF, Language.FR, "contact@cpas-ixelles.example");

        Application draft = applications.startDraft(DEMO_CALL, ateliers.getId(), ateliers.getContactEmail());
        applications.saveStage1Draft(draft.getReference(), ateliers.getContactEmail(), content(
                "Centrale d'achat informatique partagée", samen, new BigDecimal("45000")));

        Application cocofCase = submitted(nord, "Secrétariat social mutualisé", ateliers, "82000");
        Application cocomCase = submitted(samen, "Mobiel team thuisbegeleiding", thuiszorg, "120000");

        Application evaluating = submitted(thuiszorg, "Gedeelde preventieadviseur", samen, "60000");
        staffTasks.complete(evaluating.getReference(), "Task_CheckAdmissibility", "cocom-agent1",
                Map.of("admissibilityDecision", "ADMISSIBLE"));
        staffTasks.complete(evaluating.getReference(), "Task_CheckEligibility", "cocom-agent1",
                Map.of("eligibilityDecision", "ELIGIBLE"));

        Application incomplete = submitted(ateliers, "Groupement d'employeurs pour la comptabilité", nord, "95000");
        staffTasks.complete(incomplete.getReference(), "Task_CheckAdmissibility", "cocof-agent1", Map.of(
                "admissibilityDecision", "INCOMPLETE",
                "missingInformation", "Les statuts coordonnés du partenaire et sa lettre d'engagement signée.",
                "responseDays", 15));

        Application ineligible = submitted(nord, "Rénovation du siège social", ateliers, "250000");
        staffTasks.complete(ineligible.getReference(), "Task_CheckAdmissibility", "cocof-agent2",
                Map.of("admissibilityDecision", "ADMISSIBLE"));
        staffTasks.complete(ineligible.getReference(), "Task_CheckEligibility", "cocof-agent2", Map.of(
                "eligibilityDecision", "INELIGIBLE",
                "eligibilityMotivation", "Le projet concerne la rénovation du siège d'une seule organisation et ne "
                        + "relève d'aucune des six formes de mutualisation prévues par l'appel."));

        log.info("Demo call {} open until {}; demo cases {}, {}, {}, {}, {}, {}", live.getCode(),
                Deadlines.display(live.getStage1Deadline()), draft.getReference(), cocofCase.getReference(),
                cocomCase.getReference(), evaluating.getReference(), incomplete.getReference(),
                ineligible.getReference());
    }

    private Organisation org(String name, LegalForm form, String number, String street, String postalCode,
            String municipality, Administration administration, Language language, String email) {
        Organisation organisation = organisations.register(new Organisation(name, form, number, street, postalCode,
                municipality, administration, language, email), email);
        accounts.create(email, DEMO_APPLICANT_PASSWORD);
        return organisation;
    }

    private Application submitted(Organisation lead, String title, Organisation partner, String amount) {
        String user = lead.getContactEmail();
        Application application = applications.startDraft(DEMO_CALL, lead.getId(), user);
        Stage1Content content = content(title, partner, new BigDecimal(amount));
        applications.saveStage1Draft(application.getReference(), user, content);
        upload(application, user, "APPLICATION_FORM", null, "formulaire-candidature.pdf", "Formulaire de candidature");
        upload(application, user, "PARTNER_COMMITMENT", partner.getEnterpriseNumber(), "engagement-partenaire.pdf",
                "Lettre d'engagement de " + partner.getName());
        upload(application, user, "STATUTES", null, "statuts.pdf", "Statuts coordonnés de " + lead.getName());
        return applications.submitStage1(application.getReference(), user, content);
    }

    private void upload(Application application, String user, String slot, String partner, String fileName,
            String text) {
        documents.upload(application.getReference(), user, Stage.STAGE1, slot, partner, fileName,
                new ByteArrayInputStream(DemoPdf.of(text + " — " + application.getReference())));
    }

    private static Stage1Content content(String title, Organisation partner, BigDecimal amount) {
        return new Stage1Content(title, "Projet de démonstration : " + title + ", mené avec " + partner.getName() + ".",
                Set.of(Measure.SUPPORT_FUNCTIONS, Measure.PURCHASING_CENTRALS), Set.of(Aim.COLLABORATIVE_WORK,
                        Aim.SUPPORT_STRUCTURES), List.of(partner.getEnterpriseNumber()), amount);
    }
}
