package be.subside.document;

import static org.assertj.core.api.Assertions.*;

import be.subside.Fixtures;
import be.subside.IntegrationTest;
import be.subside.application.Application;
import be.subside.application.ApplicationService;
import be.subside.application.ApplicationState;
import be.subside.application.MissingPiecesException;
import be.subside.call.Administration;
import be.subside.call.Aim;
import be.subside.call.Call;
import be.subside.call.CallService;
import be.subside.call.Measure;
import be.subside.call.RequiredDocument;
import be.subside.call.Stage;
import be.subside.identity.Caller;
import be.subside.identity.Organisation;
import be.subside.shared.DomainException;
import be.subside.shared.ForbiddenException;
import be.subside.shared.InvalidInputException;
import be.subside.shared.NotFoundException;
import be.subside.shared.StateConflictException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Every rule of the document service, on PostgreSQL, with both stores. */
@IntegrationTest
class DocumentServiceTest {

    static final int MIB = 1024 * 1024;

    @Autowired
    DocumentService documents;
    @Autowired
    ApplicationService applications;
    @Autowired
    CallService calls;
    @Autowired
    Fixtures fixtures;
    @Autowired
    FilesystemDocumentStore filesystem;
    @Autowired
    DatabaseDocumentStore database;
    @Autowired
    ReceiptWriter receipts;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactionManager;

    Organisation lead;
    Organisation partner;
    Application draft;
    String user;

    @BeforeEach
    void draftOnACallAskingForThreeDocuments() {
        Call call = calls.create(new Call("DOCS-" + System.nanoTime() % 1_000_000_000, "D" + System.nanoTime() % 100_000_000,
                "Appel documents", "Oproep documenten", EnumSet.allOf(Administration.class), EnumSet.allOf(Measure.class),
                EnumSet.allOf(Aim.class), new BigDecimal("500000"), 1, Fixtures.STAGE1_DEADLINE, Fixtures.STAGE2_DEADLINE,
                List.of(new RequiredDocument(Stage.STAGE1, "APPLICATION_FORM", "Formulaire", "Formulier", false),
                        new RequiredDocument(Stage.STAGE1, "PARTNER_COMMITMENT", "Engagement", "Engagement", true),
                        new RequiredDocument(Stage.STAGE1, "STATUTES", "Statuts", "Statuten", false))), "test");
        calls.publish(call.getCode(), "test");
        lead = fixtures.organisation(Administration.COCOF);
        partner = fixtures.organisation(Administration.COCOM);
        user = Fixtures.user(lead);
        draft = applications.startDraft(call.getCode(), lead.getId(), user);
        applications.saveStage1Draft(draft.getReference(), user, Fixtures.stage1(partner, "1000"));
    }

    @AfterEach
    void defaults() {
        documents.useStore(DatabaseDocumentStore.NAME);
        documents.limitApplicationSize(200L * MIB);
    }

    Document upload(String slot, String name, byte[] content) {
        return documents.upload(draft.getReference(), user, Stage.STAGE1, slot,
                "PARTNER_COMMITMENT".equals(slot) ? partner.getEnterpriseNumber() : null, name,
                new ByteArrayInputStream(content));
    }

    void uploadAllRequired() {
        upload("APPLICATION_FORM", "formulaire.pdf", Fixtures.pdf("formulaire"));
        upload("PARTNER_COMMITMENT", "engagement.pdf", Fixtures.pdf("engagement"));
        upload("STATUTES", "statuts.pdf", Fixtures.pdf("statuts"));
    }

    /** Rows, database contents and files: all three must stay as they were after a refused upload. */
    List<Long> stored() {
        return List.of(jdbc.queryForObject("select count(*) from document", Long.class), database.count(),
                filesystem.count());
    }

    void refused(byte[] content, String name, String code) {
        for (String store : List.of(DatabaseDocumentStore.NAME, FilesystemDocumentStore.NAME)) {
            documents.useStore(store);
            List<Long> before = stored();
            assertThatThrownBy(() -> upload("STATUTES", name, content)).as("%s in %s", name, store)
                    .isInstanceOf(DomainException.class).extracting("code").isEqualTo(code);
            assertThat(stored()).as("nothing stored for %s in %s", name, store).isEqualTo(before);
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static byte[] read(DocumentService.Download download) throws IOException {
        try (InputStream in = download.content().open()) {
            return in.readAllBytes();
        }
    }

    @Test
    void storesAPdfInTheDatabaseAndReadsItBackIdentical() throws Exception {
        byte[] pdf = Fixtures.pdf("Statuts coordonnés");
        Document document = upload("STATUTES", "statuts.pdf", pdf);

        assertThat(document.getSha256()).isEqualTo(sha256(pdf));
        assertThat(document.getSize()).isEqualTo(pdf.length);
        assertThat(document.getMediaType()).isEqualTo("application/pdf");
        assertThat(document.getStorage()).isEqualTo("DATABASE");
        assertThat(document.getStorageKey()).matches("[0-9a-f]{32}");
        assertThat(document.getUploadedBy()).isEqualTo(user);
        assertThat(read(documents.open(document.getId(), Caller.applicant(user)))).isEqualTo(pdf);
    }

    @Test
    void storesOnTheFilesystemToo() throws Exception {
        documents.useStore(FilesystemDocumentStore.NAME);
        long files = filesystem.count();
        byte[] pdf = Fixtures.pdf("Sur disque");
        Document document = upload("STATUTES", "statuts.pdf", pdf);

        assertThat(document.getStorage()).isEqualTo("FILESYSTEM");
        assertThat(filesystem.count()).isEqualTo(files + 1);
        assertThat(read(documents.open(document.getId(), Caller.applicant(user)))).isEqualTo(pdf);
    }

    @Test
    void acceptsEveryAllowedTypeByContent() {
        assertThat(upload("OTHER", "lettre.docx", TestFiles.docx()).getMediaType()).isEqualTo(DocumentInspector.DOCX);
        assertThat(upload("OTHER", "budget.xlsx", TestFiles.xlsx()).getMediaType()).isEqualTo(DocumentInspector.XLSX);
        assertThat(upload("OTHER", "note.odt", TestFiles.odt()).getMediaType()).isEqualTo(DocumentInspector.ODT);
        assertThat(upload("OTHER", "tableau.ods", TestFiles.ods()).getMediaType()).isEqualTo(DocumentInspector.ODS);
        assertThat(upload("OTHER", "plan.png", TestFiles.image("png")).getMediaType()).isEqualTo("image/png");
        assertThat(upload("OTHER", "photo.JPG", TestFiles.image("jpeg")).getMediaType()).isEqualTo("image/jpeg");
        assertThat(documents.current(draft.getId(), Stage.STAGE1)).extracting(Document::getSlotKey)
                .containsExactly("OTHER#1", "OTHER#2", "OTHER#3", "OTHER#4", "OTHER#5", "OTHER#6");
    }

    @Test
    void refusesWhatIsNotAnAcceptedDocumentAndStoresNothing() {
        refused(TestFiles.exe(), "statuts.pdf", "document.type");
        refused(Fixtures.pdf("pdf"), "statuts.docx", "document.extension");
        refused(TestFiles.docx(), "statuts.pdf", "document.extension");
        refused(new byte[0], "statuts.pdf", "document.empty");
        refused(TestFiles.zipBomb(), "statuts.docx", "document.archive");
        refused(TestFiles.zipBomb(), "statuts.zip", "document.archive");
        refused(TestFiles.encryptedPdf(), "statuts.pdf", "document.encrypted");
        refused(TestFiles.corruptPdf(), "statuts.pdf", "document.corrupt");
        refused("<html><script>alert(1)</script></html>".getBytes(), "statuts.pdf", "document.type");
        refused(Fixtures.pdf("pdf"), "../../etc/passwd", "document.extension");
    }

    @Test
    void refusesAFileOneByteOverTheLimit() {
        byte[] limit = new byte[20 * MIB + 1];
        System.arraycopy(Fixtures.pdf("x"), 0, limit, 0, 100);
        refused(limit, "gros.pdf", "document.tooLarge");
    }

    @Test
    void refusesWhatWouldExceedTheCaseTotal() {
        byte[] pdf = Fixtures.pdf("total");
        documents.limitApplicationSize(pdf.length * 2L + 1);
        upload("OTHER", "a.pdf", pdf);
        upload("OTHER", "b.pdf", pdf);
        refused(pdf, "statuts.pdf", "document.applicationTooLarge");
    }

    @Test
    void sanitisesFileNamesAndKeepsUnicode() {
        assertThat(upload("OTHER", "../../etc/passwd.pdf", Fixtures.pdf("a")).getFileName()).isEqualTo("passwd.pdf");
        assertThat(upload("OTHER", "C:\\Users\\x\\CON.pdf", Fixtures.pdf("a")).getFileName()).isEqualTo("_CON.pdf");
        assertThat(upload("OTHER", "bad\u0000na\u0007me\u202e.pdf", Fixtures.pdf("a")).getFileName()).isEqualTo("badname.pdf");
        assertThat(upload("OTHER", "a<b>c:d|e?.pdf", Fixtures.pdf("a")).getFileName()).isEqualTo("a_b_c_d_e_.pdf");
        String unicode = "Budget prévisionnel – Ωmega 日本語 ✓ 🇧🇪.pdf";
        assertThat(upload("OTHER", unicode, Fixtures.pdf("a")).getFileName()).isEqualTo(unicode);
        String longName = "é".repeat(300) + ".pdf";
        String kept = upload("OTHER", longName, Fixtures.pdf("a")).getFileName();
        assertThat(kept.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(kept).endsWith(".pdf").startsWith("éé");
    }

    @Test
    void newVersionKeepsThePreviousOneUntilSubmission() throws Exception {
        Document first = upload("STATUTES", "statuts-v1.pdf", Fixtures.pdf("v1"));
        Document second = upload("STATUTES", "statuts-v2.pdf", Fixtures.pdf("v2"));

        assertThat(documents.versions(draft.getId(), "STATUTES")).extracting(Document::getVersion, Document::isCurrent)
                .containsExactly(tuple(1, false), tuple(2, true));
        upload("APPLICATION_FORM", "formulaire.pdf", Fixtures.pdf("f"));
        upload("PARTNER_COMMITMENT", "engagement.pdf", Fixtures.pdf("e"));
        long chunksBefore = database.count();

        applications.submitStage1(draft.getReference(), user, Fixtures.stage1(partner, "1000"));

        assertThat(documents.versions(draft.getId(), "STATUTES")).extracting(Document::getId, Document::isFrozen)
                .containsExactly(tuple(second.getId(), true));
        assertThat(jdbc.queryForObject("select count(*) from document_chunk where storage_key = ?", Long.class,
                first.getStorageKey())).isZero();
        assertThat(database.count()).as("first version gone, receipt added").isEqualTo(chunksBefore);
    }

    @Test
    void refusesSubmissionListingEveryMissingDocument() {
        upload("STATUTES", "statuts.pdf", Fixtures.pdf("s"));

        assertThatThrownBy(() -> applications.submitStage1(draft.getReference(), user, Fixtures.stage1(partner, "1000")))
                .isInstanceOfSatisfying(MissingPiecesException.class, e -> assertThat(e.missing()).containsExactly(
                        "Formulaire / Formulier", "Engagement / Engagement (" + partner.getName() + ", "
                                + be.subside.identity.EnterpriseNumber.format(partner.getEnterpriseNumber()) + ")"));
        assertThat(applications.get(draft.getId()).getState()).isEqualTo(ApplicationState.DRAFT);
        assertThat(documents.current(draft.getId(), Stage.STAGE1)).extracting(Document::isFrozen).containsOnly(false);
    }

    @Test
    void documentsAreFrozenOnceTheStageIsSubmitted() {
        uploadAllRequired();
        applications.submitStage1(draft.getReference(), user, Fixtures.stage1(partner, "1000"));
        List<Long> before = stored();
        Document statutes = documents.versions(draft.getId(), "STATUTES").get(0);

        assertThatThrownBy(() -> upload("STATUTES", "statuts-v2.pdf", Fixtures.pdf("late")))
                .isInstanceOf(StateConflictException.class).extracting("code").isEqualTo("document.frozen");
        assertThatThrownBy(() -> upload("OTHER", "annexe.pdf", Fixtures.pdf("late")))
                .isInstanceOf(StateConflictException.class);
        assertThatThrownBy(() -> documents.remove(statutes.getId(), user)).isInstanceOf(StateConflictException.class);
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void removesADocumentAndEveryVersionBeforeSubmission() {
        upload("STATUTES", "v1.pdf", Fixtures.pdf("1"));
        Document second = upload("STATUTES", "v2.pdf", Fixtures.pdf("2"));
        List<Long> before = stored();

        documents.remove(second.getId(), user);

        assertThat(documents.versions(draft.getId(), "STATUTES")).isEmpty();
        assertThat(stored().get(0)).isEqualTo(before.get(0) - 2);
        assertThat(stored().get(1)).isEqualTo(before.get(1) - 2);
    }

    @Test
    void issuesAReproducibleReceiptListingEveryHash() throws Exception {
        uploadAllRequired();
        applications.submitStage1(draft.getReference(), user, Fixtures.stage1(partner, "1000"));

        List<Document> current = documents.current(draft.getId(), Stage.STAGE1);
        Document receipt = current.stream().filter(d -> d.getSlot().equals(Document.RECEIPT)).findFirst().orElseThrow();
        byte[] pdf = read(documents.open(receipt.getId(), Caller.applicant(user)));
        String text;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(document);
        }
        assertThat(text).contains("Accusé de réception / Ontvangstbewijs", draft.getReference(), lead.getName(),
                partner.getName(), "Reçu le / Ontvangen op: 2030-03-01 10:00:00 Europe/Brussels", "Appel documents",
                "Montant demandé / Gevraagd bedrag: 1000.00 EUR");
        List<Document> listed = current.stream().filter(d -> !d.getSlot().equals(Document.RECEIPT)).toList();
        assertThat(listed).hasSize(3);
        for (Document document : listed) {
            assertThat(text).contains("SHA-256 " + document.getSha256(), document.getFileName());
        }
        assertThat(receipt.isFrozen()).isTrue();
        assertThat(receipt.getSha256()).isEqualTo(sha256(pdf));

        Application submitted = applications.get(draft.getId());
        byte[] again = receipts.write(submitted, Stage.STAGE1, submitted.getStage1SubmittedAt(), listed);
        assertThat(again).isEqualTo(pdf);
    }

    @Test
    void onlyTheCasesOrganisationAndItsStaffMayRead() throws Exception {
        Document document = upload("STATUTES", "statuts.pdf", Fixtures.pdf("s"));
        Organisation stranger = fixtures.organisation(Administration.COCOF);

        assertThat(read(documents.open(document.getId(), Caller.staff("cocof-agent1", Set.of("staff-cocof"))))).isNotEmpty();
        assertThat(read(documents.open(document.getId(), Caller.staff("manager", Set.of("managers"))))).isNotEmpty();
        assertThatThrownBy(() -> documents.open(document.getId(), Caller.applicant(Fixtures.user(stranger))))
                .isInstanceOf(ForbiddenException.class).hasMessage("This document is not available to you");
        assertThatThrownBy(() -> documents.open(Long.MAX_VALUE, Caller.applicant(Fixtures.user(stranger))))
                .isInstanceOf(ForbiddenException.class).hasMessage("This document is not available to you");
        assertThatThrownBy(() -> documents.open(document.getId(), Caller.applicant(Fixtures.user(partner))))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> documents.open(document.getId(), Caller.staff("cocom-agent1", Set.of("staff-cocom"))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> documents.remove(document.getId(), Fixtures.user(stranger)))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> documents.upload(draft.getReference(), Fixtures.user(stranger), Stage.STAGE1,
                "STATUTES", null, "s.pdf", new ByteArrayInputStream(Fixtures.pdf("x"))))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void refusesUnknownSlotsAndPartners() {
        assertThatThrownBy(() -> upload("BANK_CERTIFICATE", "banque.pdf", Fixtures.pdf("x")))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("slot");
        assertThatThrownBy(() -> documents.upload(draft.getReference(), user, Stage.STAGE1, "PARTNER_COMMITMENT", null,
                "e.pdf", new ByteArrayInputStream(Fixtures.pdf("x")))).isInstanceOf(InvalidInputException.class)
                .extracting("field").isEqualTo("partner");
        assertThatThrownBy(() -> documents.upload(draft.getReference(), user, Stage.STAGE1, "PARTNER_COMMITMENT",
                lead.getEnterpriseNumber(), "e.pdf", new ByteArrayInputStream(Fixtures.pdf("x"))))
                .isInstanceOf(InvalidInputException.class).extracting("code").isEqualTo("document.partner.unknown");
        assertThatThrownBy(() -> documents.upload(draft.getReference(), user, Stage.STAGE2, "STATUTES", null,
                "s.pdf", new ByteArrayInputStream(Fixtures.pdf("x")))).isInstanceOf(StateConflictException.class);
    }

    @Test
    void concurrentUploadsToOneSlotBecomeTwoVersionsNeverACorruptRow() throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<Document>> uploads = List.of(1, 2).stream().map(i -> CompletableFuture.supplyAsync(() -> {
            try {
                start.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return upload("STATUTES", "statuts-" + i + ".pdf", Fixtures.pdf("version " + i));
        })).toList();
        for (CompletableFuture<Document> upload : uploads) {
            upload.get(60, TimeUnit.SECONDS);
        }

        List<Document> versions = documents.versions(draft.getId(), "STATUTES");
        assertThat(versions).extracting(Document::getVersion).containsExactly(1, 2);
        assertThat(versions).filteredOn(Document::isCurrent).hasSize(1);
        for (Document version : versions) {
            assertThat(sha256(read(documents.open(version.getId(), Caller.applicant(user)))))
                    .isEqualTo(version.getSha256());
        }
    }

    @Test
    void aRolledBackUploadLeavesNoFileBehind() {
        documents.useStore(FilesystemDocumentStore.NAME);
        List<Long> before = stored();
        TransactionTemplate tx = new TransactionTemplate(transactionManager);

        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            upload("STATUTES", "statuts.pdf", Fixtures.pdf("rolled back"));
            assertThat(filesystem.count()).isEqualTo(before.get(2) + 1);
            throw new IllegalStateException("the case's transaction fails after the file was written");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(stored()).isEqualTo(before);
    }
}
