package be.subside;

import static org.assertj.core.api.Assertions.*;

import be.subside.application.Application;
import be.subside.application.ApplicationService;
import be.subside.application.ApplicationState;
import be.subside.application.Stage1Content;
import be.subside.call.Administration;
import be.subside.call.Aim;
import be.subside.call.Call;
import be.subside.call.CallService;
import be.subside.call.Measure;
import be.subside.identity.Language;
import be.subside.identity.LegalForm;
import be.subside.identity.Organisation;
import be.subside.identity.OrganisationService;
import be.subside.shared.DeadlinePassedException;
import be.subside.shared.DomainException;
import be.subside.shared.ForbiddenException;
import be.subside.shared.InvalidInputException;
import be.subside.shared.NotFoundException;
import be.subside.shared.StateConflictException;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Each bad input gets a clear error (what, which field) and leaves every table of ours and of the engine as it was. */
@IntegrationTest
class BadInputTest {

    static final List<String> TABLES = List.of("call_for_projects", "organisation", "organisation_member", "application",
            "application_partner", "information_request", "case_decision", "audit_event", "outbox_message", "document",
            "document_chunk",
            "act_ru_execution", "act_ru_task", "act_ru_job", "act_ru_variable", "act_hi_procinst");

    @Autowired
    Fixtures fixtures;
    @Autowired
    OrganisationService organisations;
    @Autowired
    ApplicationService applications;
    @Autowired
    CallService calls;
    @Autowired
    RuntimeService runtime;
    @Autowired
    JdbcTemplate jdbc;

    Call call;
    Organisation lead;
    Organisation partner;
    Application draft;

    @BeforeEach
    void setUp() {
        call = fixtures.openCall();
        lead = fixtures.organisation(Administration.COCOF);
        partner = fixtures.organisation(Administration.COCOM);
        draft = fixtures.draft(call, lead);
    }

    Map<String, Object> snapshot() {
        Map<String, Object> rows = new LinkedHashMap<>();
        for (String table : TABLES) {
            rows.put(table, jdbc.queryForObject("select count(*) from " + table, Long.class));
        }
        rows.put("application states", jdbc.queryForList("select reference, state, title, requested_amount, version "
                + "from application order by id"));
        rows.put("call deadlines", jdbc.queryForList("select code, state, stage1_deadline, stage2_deadline, version "
                + "from call_for_projects order by id"));
        return rows;
    }

    /** Asserts the action fails with the given error type, code and field, and that nothing changed. */
    void refused(ThrowingCallable action, Class<? extends DomainException> type, String code, String field) {
        Map<String, Object> before = snapshot();
        Throwable thrown = catchThrowable(action);
        assertThat(thrown).isInstanceOf(type);
        DomainException error = (DomainException) thrown;
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.field()).isEqualTo(field);
        assertThat(error.getMessage()).isNotBlank();
        assertThat(snapshot()).isEqualTo(before);
    }

    Organisation organisation(String enterpriseNumber, String postalCode) {
        return new Organisation("ASBL Essai", LegalForm.ASBL_VZW, enterpriseNumber, "Rue Haute 1", postalCode,
                "Bruxelles", Administration.COCOF, Language.FR, "essai@test.example");
    }

    @Test
    void invalidEnterpriseNumbers() {
        String valid = Fixtures.enterpriseNumber(999_001);
        String wrongCheck = valid.substring(0, 8) + (valid.endsWith("00") ? "01" : "00");
        refused(() -> organisations.register(organisation(wrongCheck, "1000"), "u"), InvalidInputException.class,
                "enterpriseNumber.checksum", "enterpriseNumber");
        refused(() -> organisations.register(organisation("2" + valid.substring(1), "1000"), "u"),
                InvalidInputException.class, "enterpriseNumber.format", "enterpriseNumber");
        refused(() -> organisations.register(organisation("BE 0123.456", "1000"), "u"), InvalidInputException.class,
                "enterpriseNumber.format", "enterpriseNumber");
        refused(() -> organisations.register(organisation("", "1000"), "u"), InvalidInputException.class,
                "enterpriseNumber.missing", "enterpriseNumber");
        refused(() -> organisations.register(organisation(lead.getEnterpriseNumber(), "1000"), "u"),
                InvalidInputException.class, "enterpriseNumber.taken", "enterpriseNumber");
    }

    @Test
    void postalCodesOutsideTheBrusselsRegion() {
        String number = Fixtures.enterpriseNumber(999_002);
        for (String outside : List.of("1300", "1930", "2000", "0999", "9999")) {
            refused(() -> organisations.register(organisation(number, outside), "u"), InvalidInputException.class,
                    "postalCode.outsideBrussels", "postalCode");
        }
        refused(() -> organisations.register(organisation(number, "10OO"), "u"), InvalidInputException.class,
                "postalCode.format", "postalCode");
    }

    @Test
    void negativeZeroOrAbsurdRequestedAmounts() {
        String user = Fixtures.user(lead);
        refused(() -> applications.submitStage1(draft.getReference(), user, Fixtures.stage1(partner, "-5000")),
                InvalidInputException.class, "requestedAmount.notPositive", "requestedAmount");
        refused(() -> applications.submitStage1(draft.getReference(), user, Fixtures.stage1(partner, "0")),
                InvalidInputException.class, "requestedAmount.notPositive", "requestedAmount");
        refused(() -> applications.submitStage1(draft.getReference(), user, Fixtures.stage1(partner, "500000.01")),
                InvalidInputException.class, "requestedAmount.tooHigh", "requestedAmount");
        refused(() -> applications.submitStage1(draft.getReference(), user, Fixtures.stage1(partner, "1e12")),
                InvalidInputException.class, "requestedAmount.tooHigh", "requestedAmount");
        refused(() -> applications.submitStage1(draft.getReference(), user, Fixtures.stage1(partner, "100.001")),
                InvalidInputException.class, "requestedAmount.cents", "requestedAmount");
        refused(() -> applications.saveStage1Draft(draft.getReference(), user, Fixtures.stage1(partner, "-1")),
                InvalidInputException.class, "requestedAmount.notPositive", "requestedAmount");
    }

    @Test
    void applicationWithoutPartnersWhereTheCallRequiresThem() {
        refused(() -> applications.submitStage1(draft.getReference(), Fixtures.user(lead), Fixtures.stage1(null, "1000")),
                InvalidInputException.class, "partners.tooFew", "partnerEnterpriseNumbers");
    }

    @Test
    void partnersThatAreNotPartners() {
        String user = Fixtures.user(lead);
        refused(() -> applications.submitStage1(draft.getReference(), user, withPartners(lead.getEnterpriseNumber())),
                InvalidInputException.class, "partners.isLead", "partnerEnterpriseNumbers[0]");
        refused(() -> applications.submitStage1(draft.getReference(), user,
                withPartners(partner.getEnterpriseNumber(), partner.getEnterpriseNumber())),
                InvalidInputException.class, "partners.duplicate", "partnerEnterpriseNumbers[1]");
        refused(() -> applications.submitStage1(draft.getReference(), user, withPartners(Fixtures.enterpriseNumber(999_003))),
                NotFoundException.class, "organisation.unknownEnterpriseNumber", "partnerEnterpriseNumbers[0]");
        refused(() -> applications.submitStage1(draft.getReference(), user, withPartners("not a number")),
                InvalidInputException.class, "enterpriseNumber.format", "partnerEnterpriseNumbers[0]");
    }

    @Test
    void incompleteOrOversizedDossier() {
        String user = Fixtures.user(lead);
        Stage1Content noTitle = new Stage1Content(" ", "Résumé", Set.of(Measure.MOBILE_TEAMS), Set.of(Aim.JOB_QUALITY),
                List.of(partner.getEnterpriseNumber()), BigDecimal.TEN);
        refused(() -> applications.submitStage1(draft.getReference(), user, noTitle), InvalidInputException.class,
                "title.missing", "title");
        Stage1Content longTitle = new Stage1Content("x".repeat(201), "Résumé", Set.of(Measure.MOBILE_TEAMS),
                Set.of(Aim.JOB_QUALITY), List.of(partner.getEnterpriseNumber()), BigDecimal.TEN);
        refused(() -> applications.submitStage1(draft.getReference(), user, longTitle), InvalidInputException.class,
                "title.tooLong", "title");
        Stage1Content noMeasure = new Stage1Content("Titre", "Résumé", Set.of(), Set.of(Aim.JOB_QUALITY),
                List.of(partner.getEnterpriseNumber()), BigDecimal.TEN);
        refused(() -> applications.submitStage1(draft.getReference(), user, noMeasure), InvalidInputException.class,
                "measures.missing", "measures");
    }

    @Test
    void submissionAfterTheDeadline() {
        Fixtures.setClock(Fixtures.STAGE1_DEADLINE.plusSeconds(1));
        refused(() -> applications.submitStage1(draft.getReference(), Fixtures.user(lead), Fixtures.stage1(partner, "1000")),
                DeadlinePassedException.class, "deadline.passed", null);
        refused(() -> applications.startDraft(call.getCode(), lead.getId(), Fixtures.user(lead)),
                DeadlinePassedException.class, "deadline.passed", null);
    }

    @Test
    void completingATaskThatIsNotYours() {
        Organisation stranger = fixtures.organisation(Administration.COCOF);
        refused(() -> applications.submitStage1(draft.getReference(), Fixtures.user(stranger),
                Fixtures.stage1(partner, "1000")), ForbiddenException.class, "application.notYourOrganisation", null);
        refused(() -> applications.submitStage1(draft.getReference(), Fixtures.user(partner),
                Fixtures.stage1(partner, "1000")), ForbiddenException.class, "application.notYourOrganisation", null);
        refused(() -> applications.startDraft(call.getCode(), lead.getId(), Fixtures.user(stranger)),
                ForbiddenException.class, "application.notYourOrganisation", null);
        refused(() -> applications.provideMissingInformation(draft.getReference(), Fixtures.user(stranger), "Voici"),
                ForbiddenException.class, "application.notYourOrganisation", null);
    }

    @Test
    void submittingTwiceOrAStepThatIsNotWaiting() {
        applications.submitStage1(draft.getReference(), Fixtures.user(lead), Fixtures.stage1(partner, "1000"));
        refused(() -> applications.submitStage1(draft.getReference(), Fixtures.user(lead), Fixtures.stage1(partner, "1000")),
                StateConflictException.class, "application.state", null);
        refused(() -> applications.provideMissingInformation(draft.getReference(), Fixtures.user(lead), "Voici"),
                StateConflictException.class, "informationRequest.none", null);
        refused(() -> applications.submitStage2(draft.getReference(), Fixtures.user(lead), Fixtures.stage2("1000")),
                StateConflictException.class, "application.state", null);
    }

    @Test
    void unknownCallCodeOrReference() {
        refused(() -> applications.startDraft("ANM-1999-9999", lead.getId(), Fixtures.user(lead)),
                NotFoundException.class, "call.unknown", "callCode");
        refused(() -> calls.publish("ANM-1999-9999", "manager"), NotFoundException.class, "call.unknown", "callCode");
        refused(() -> applications.submitStage1("ANM-1999-0001", Fixtures.user(lead), Fixtures.stage1(partner, "1000")),
                NotFoundException.class, "application.unknown", "reference");
    }

    @Test
    void callsThatCannotBeOpened() {
        Call unpublished = fixtures.draftCall(new BigDecimal("1000"));
        refused(() -> applications.startDraft(unpublished.getCode(), lead.getId(), Fixtures.user(lead)),
                StateConflictException.class, "call.notOpen", null);
        refused(() -> calls.publish("ANM-2024-2025", "manager"), InvalidInputException.class, "call.deadline.past",
                "stage1Deadline");
        refused(() -> calls.publish(call.getCode(), "manager"), StateConflictException.class, "call.publish.state", null);
        refused(() -> new Call("BAD-ORDER", "BO", "t", "t", EnumSet.of(Administration.COCOF), Set.of(), Set.of(),
                BigDecimal.TEN, 0, Fixtures.STAGE2_DEADLINE, Fixtures.STAGE1_DEADLINE, List.of()),
                InvalidInputException.class, "call.deadline.order", "stage2Deadline");
        refused(() -> new Call("lower case", "BO", "t", "t", EnumSet.of(Administration.COCOF), Set.of(), Set.of(),
                BigDecimal.TEN, 0, Fixtures.STAGE1_DEADLINE, Fixtures.STAGE2_DEADLINE, List.of()),
                InvalidInputException.class, "call.code.invalid", "code");
    }

    @Test
    void reallyNothingChangedAfterARefusedSubmission() {
        refused(() -> applications.submitStage1(draft.getReference(), Fixtures.user(lead), Fixtures.stage1(partner, "-1")),
                InvalidInputException.class, "requestedAmount.notPositive", "requestedAmount");
        Application unchanged = applications.get(draft.getId());
        assertThat(unchanged.getState()).isEqualTo(ApplicationState.DRAFT);
        assertThat(unchanged.getTitle()).isNull();
        assertThat(unchanged.getPartners()).isEmpty();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(draft.getReference()).count())
                .isEqualTo(1);
    }

    private Stage1Content withPartners(String... numbers) {
        return new Stage1Content("Titre", "Résumé", Set.of(Measure.MOBILE_TEAMS), Set.of(Aim.JOB_QUALITY),
                List.of(numbers), new BigDecimal("1000"));
    }
}
