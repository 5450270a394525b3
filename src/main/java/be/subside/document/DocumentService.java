package be.subside.document;

import be.subside.application.Application;
import be.subside.application.ApplicationRepository;
import be.subside.application.ApplicationState;
import be.subside.application.StageSubmissionParticipant;
import be.subside.audit.AuditTrail;
import be.subside.call.Call;
import be.subside.call.RequiredDocument;
import be.subside.call.Stage;
import be.subside.identity.Caller;
import be.subside.identity.EnterpriseNumber;
import be.subside.identity.Organisation;
import be.subside.identity.OrganisationService;
import be.subside.shared.DeadlinePassedException;
import be.subside.shared.ForbiddenException;
import be.subside.shared.InvalidInputException;
import be.subside.shared.NotFoundException;
import be.subside.shared.StateConflictException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * The documents of a case: upload to a slot of the call's checklist (or as a free attachment), new versions, removal
 * before submission, the freeze at submission with its acknowledgement of receipt, and reading back with a check of
 * who asks on every object. An upload is received into a temporary file (streamed, hashed, size-capped) and inspected
 * before any transaction starts; then its row and its bytes are stored together, or neither.
 */
@Service
public class DocumentService implements StageSubmissionParticipant {

    private final DocumentRepository documents;
    private final ApplicationRepository applications;
    private final OrganisationService organisations;
    private final be.subside.application.CaseReaders readers;
    private final DocumentInspector inspector;
    private final ReceiptWriter receipts;
    private final Map<String, DocumentStore> stores;
    private final AuditTrail audit;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final long maxFileSize;
    private long maxApplicationSize;
    private String activeStore;

    DocumentService(DocumentRepository documents, ApplicationRepository applications, OrganisationService organisations,
            be.subside.application.CaseReaders readers,
            DocumentInspector inspector, ReceiptWriter receipts, List<DocumentStore> stores, AuditTrail audit, Clock clock,
            PlatformTransactionManager transactionManager,
            @Value("${subside.documents.store:DATABASE}") String activeStore,
            @Value("${subside.documents.max-file-size:20MB}") DataSize maxFileSize,
            @Value("${subside.documents.max-application-size:200MB}") DataSize maxApplicationSize) {
        this.documents = documents;
        this.applications = applications;
        this.organisations = organisations;
        this.readers = readers;
        this.inspector = inspector;
        this.receipts = receipts;
        this.stores = stores.stream().collect(Collectors.toMap(DocumentStore::name, Function.identity()));
        this.audit = audit;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactionManager);
        this.maxFileSize = maxFileSize.toBytes();
        this.maxApplicationSize = maxApplicationSize.toBytes();
        useStore(activeStore);
    }

    /** The limit for all documents of one case together. */
    void limitApplicationSize(long bytes) {
        this.maxApplicationSize = bytes;
    }

    long applicationSizeLimit() {
        return maxApplicationSize;
    }

    /** Where new documents go; documents already stored stay readable from the store that holds them. */
    void useStore(String name) {
        if (!stores.containsKey(name)) {
            throw new IllegalArgumentException("Unknown document store " + name + "; known: " + stores.keySet());
        }
        this.activeStore = name;
    }

    /**
     * Uploads a document for a slot of the stage's checklist, or as an "OTHER" attachment. Uploading again to the same
     * slot (and partner) adds a version; the previous one stays until the stage is submitted.
     */
    public Document upload(String reference, String userId, Stage stage, String slot, String partnerEnterpriseNumber,
            String originalName, InputStream content) {
        String fileName = FileNames.sanitise(originalName);
        Path temp = null;
        try {
            temp = Files.createTempFile("subside-upload-", ".part");
            StoredFile received = receive(content, temp);
            StoredFile file = new StoredFile(temp, received.size(), received.sha256(), inspector.inspect(temp, fileName));
            return tx.execute(status -> store(reference, userId, stage, slot, partnerEnterpriseNumber, fileName, file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot receive the upload", e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private Document store(String reference, String userId, Stage stage, String slot, String partnerEnterpriseNumber,
            String fileName, StoredFile file) {
        Application application = owned(reference, userId);
        requireOpen(application, stage);
        String slotKey;
        Long partnerId = null;
        if (Document.OTHER.equals(slot)) {
            slotKey = Document.OTHER + "#" + (documents.countByApplicationIdAndSlot(application.getId(), slot) + 1);
        } else {
            RequiredDocument required = application.getCall().requiredDocuments(stage).stream()
                    .filter(d -> d.slot().equals(slot)).findFirst()
                    .orElseThrow(() -> new InvalidInputException("document.slot", "slot",
                            "'" + slot + "' is not a document this call asks for at " + stage));
            if (required.onePerPartner()) {
                partnerId = partner(application, partnerEnterpriseNumber).getId();
                slotKey = slot + "#" + partnerId;
            } else {
                slotKey = slot;
            }
        }
        long total = documents.totalSize(application.getId());
        if (total + file.size() > maxApplicationSize) {
            throw new InvalidInputException("document.applicationTooLarge", "file", "The documents of this case would "
                    + "exceed " + DataSize.ofBytes(maxApplicationSize).toMegabytes() + " MB in all");
        }
        int version = documents.findFirstByApplicationIdAndSlotKeyOrderByVersionDesc(application.getId(), slotKey)
                .map(previous -> {
                    previous.supersede();
                    return previous.getVersion() + 1;
                }).orElse(1);
        Document saved = save(application, stage, slot, partnerId, slotKey, version, file, fileName, userId);
        audit.recordCase(application.getCall().getId(), application.getId(), "DOCUMENT_UPLOADED", userId,
                slotKey + " v" + version + ": " + fileName + " (" + file.size() + " bytes, sha256 " + file.sha256() + ")");
        return saved;
    }

    private Document save(Application application, Stage stage, String slot, Long partnerId, String slotKey,
            int version, StoredFile file, String fileName, String userId) {
        String key = UUID.randomUUID().toString().replace("-", "");
        DocumentStore store = stores.get(activeStore);
        Document document = documents.saveAndFlush(new Document(application.getId(), stage, slot, partnerId, slotKey,
                version, file, fileName, store.name(), key, userId, clock.instant()));
        store.write(key, file.path());
        return document;
    }

    /** Removes a document (every version of its slot) before the stage is submitted. */
    @Transactional
    public void remove(Long documentId, String userId) {
        Caller caller = Caller.applicant(userId);
        Document document = documents.findById(documentId).orElseThrow(() -> hidden(caller));
        Application application = applications.findByIdForUpdate(document.getApplicationId()).orElseThrow();
        requireReader(application, caller);
        if (document.isFrozen() || Document.RECEIPT.equals(document.getSlot())) {
            throw frozen(application, document.getStage());
        }
        requireOpen(application, document.getStage());
        for (Document version : documents.findByApplicationIdAndSlotKeyOrderByVersionAsc(application.getId(),
                document.getSlotKey())) {
            delete(version);
        }
        audit.recordCase(application.getCall().getId(), application.getId(), "DOCUMENT_REMOVED", userId,
                document.getSlotKey() + ": " + document.getFileName());
    }

    @Transactional(readOnly = true)
    public List<Document> current(Long applicationId, Stage stage) {
        return documents.findByApplicationIdAndStageAndCurrentTrueOrderByIdAsc(applicationId, stage);
    }

    @Transactional(readOnly = true)
    public List<Document> versions(Long applicationId, String slotKey) {
        return documents.findByApplicationIdAndSlotKeyOrderByVersionAsc(applicationId, slotKey);
    }

    /** The current documents of a case, for whoever may read it. */
    @Transactional(readOnly = true)
    public List<Document> list(String reference, Caller caller) {
        Application application = applications.findDetailedByReference(reference).orElseThrow(() -> hidden(caller));
        requireReader(application, caller);
        return documents.findByApplicationIdAndCurrentTrueOrderByIdAsc(application.getId());
    }

    /** A document's metadata and content, for a member of the lead organisation or staff entitled to the case. */
    @Transactional(readOnly = true)
    public Download open(Long documentId, Caller caller) {
        Document document = documents.findById(documentId).orElseThrow(() -> hidden(caller));
        Application application = applications.findDetailedById(document.getApplicationId()).orElseThrow();
        requireReader(application, caller);
        DocumentStore store = stores.get(document.getStorage());
        return new Download(document, () -> store.read(document.getStorageKey()));
    }

    /** A document's content for the system itself (a receipt attached to its mail); no caller to check. */
    @Transactional(readOnly = true)
    public Download openForDelivery(Long documentId) {
        Document document = documents.findById(documentId).orElseThrow(
                () -> new NotFoundException("document.unknown", "documentId", "No document " + documentId));
        DocumentStore store = stores.get(document.getStorage());
        return new Download(document, () -> store.read(document.getStorageKey()));
    }

    /** What a download returns: the metadata and a way to stream the content. */
    public record Download(Document document, ContentSource content) {
    }

    @FunctionalInterface
    public interface ContentSource {
        InputStream open();
    }

    @Override
    public List<String> missing(Application application, Stage stage) {
        List<Document> present = documents.findByApplicationIdAndStageAndCurrentTrueOrderByIdAsc(application.getId(), stage);
        List<String> missing = new ArrayList<>();
        for (RequiredDocument required : application.getCall().requiredDocuments(stage)) {
            if (required.onePerPartner()) {
                for (Organisation partner : application.getPartners()) {
                    String key = required.slot() + "#" + partner.getId();
                    if (present.stream().noneMatch(d -> d.getSlotKey().equals(key))) {
                        missing.add(required.labelFr() + " / " + required.labelNl() + " (" + partner.getName() + ", "
                                + EnterpriseNumber.format(partner.getEnterpriseNumber()) + ")");
                    }
                }
            } else if (present.stream().noneMatch(d -> d.getSlotKey().equals(required.slot()))) {
                missing.add(required.labelFr() + " / " + required.labelNl());
            }
        }
        return missing;
    }

    /**
     * The stage is submitted: its current documents are frozen, superseded versions go, and the acknowledgement of
     * receipt listing every document with its SHA-256 is stored with the case.
     */
    @Override
    public void submitted(Application application, Stage stage, Instant at) {
        for (Document old : documents.findByApplicationIdAndStageAndCurrentFalse(application.getId(), stage)) {
            delete(old);
        }
        List<Document> frozen = documents.findByApplicationIdAndStageAndCurrentTrueOrderByIdAsc(application.getId(), stage);
        frozen.forEach(Document::freeze);
        byte[] pdf = receipts.write(application, stage, at, frozen);
        Path temp = null;
        try {
            temp = Files.createTempFile("subside-receipt-", ".pdf");
            StoredFile received = receive(new java.io.ByteArrayInputStream(pdf), temp);
            StoredFile file = new StoredFile(temp, received.size(), received.sha256(), DocumentInspector.PDF);
            String name = "accuse-de-reception-ontvangstbewijs-" + application.getReference() + "-" + stage.name().toLowerCase()
                    + ".pdf";
            Document receipt = save(application, stage, Document.RECEIPT, null, Document.RECEIPT + "#" + stage, 1, file, name,
                    be.subside.audit.AuditTrail.SYSTEM);
            receipt.freeze();
            audit.recordCase(application.getCall().getId(), application.getId(), "RECEIPT_ISSUED",
                    be.subside.audit.AuditTrail.SYSTEM, stage + " receipt, sha256 " + file.sha256());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store the receipt", e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** Streams the upload into {@code target}, hashing it and refusing it past the size limit or when empty. */
    private StoredFile receive(InputStream content, Path target) throws IOException {
        MessageDigest sha256 = sha256();
        long size = 0;
        try (InputStream in = content; OutputStream out = new DigestOutputStream(Files.newOutputStream(target), sha256)) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) != -1) {
                size += read;
                if (size > maxFileSize) {
                    throw new InvalidInputException("document.tooLarge", "file", "The file is larger than "
                            + DataSize.ofBytes(maxFileSize).toMegabytes() + " MB");
                }
                out.write(buffer, 0, read);
            }
        }
        if (size == 0) {
            throw new InvalidInputException("document.empty", "file", "The file is empty");
        }
        return new StoredFile(target, size, HexFormat.of().formatHex(sha256.digest()), null);
    }

    private void delete(Document document) {
        stores.get(document.getStorage()).delete(document.getStorageKey());
        documents.delete(document);
        documents.flush();
    }

    private Application owned(String reference, String userId) {
        Application application = applications.findByReferenceForUpdate(reference)
                .orElseThrow(() -> new NotFoundException("application.unknown", "reference",
                        "Unknown application '" + reference + "'"));
        requireMember(application, userId);
        return application;
    }

    private void requireMember(Application application, String userId) {
        if (!organisations.isMember(application.getLeadOrganisation().getId(), userId)) {
            throw new ForbiddenException("application.notYourOrganisation",
                    "User " + userId + " does not act for the lead organisation of this case");
        }
    }

    private void requireReader(Application application, Caller caller) {
        if (!readers.mayRead(application, caller)) {
            throw hidden(caller);
        }
    }

    /** Documents of a stage change only while the stage is open: not once submitted, not after its deadline. */
    private void requireOpen(Application application, Stage stage) {
        ApplicationState open = stage == Stage.STAGE1 ? ApplicationState.DRAFT : ApplicationState.SELECTED;
        if (application.getState() != open) {
            throw frozen(application, stage);
        }
        Call call = application.getCall();
        if (!clock.instant().isBefore(call.deadline(stage))) {
            throw new DeadlinePassedException("the documents of " + stage, call.deadline(stage));
        }
    }

    private Organisation partner(Application application, String enterpriseNumber) {
        if (enterpriseNumber == null || enterpriseNumber.isBlank()) {
            throw new InvalidInputException("document.partner.missing", "partner",
                    "This document is asked for each partner: say which partner it is for");
        }
        String number = EnterpriseNumber.normalise(enterpriseNumber, "partner");
        return application.getPartners().stream().filter(p -> p.getEnterpriseNumber().equals(number)).findFirst()
                .orElseThrow(() -> new InvalidInputException("document.partner.unknown", "partner",
                        EnterpriseNumber.format(number) + " is not a partner of this case; save the partners first"));
    }

    private static StateConflictException frozen(Application application, Stage stage) {
        return new StateConflictException("document.frozen", "The " + stage + " documents of "
                + application.getReference() + " can no longer change (the case is " + application.getState() + ")");
    }

    /** The same answer for a document that does not exist and one the caller may not see: nothing leaks. */
    private static RuntimeException hidden(Caller caller) {
        return caller.isStaff() ? new NotFoundException("document.unknown", "documentId", "No such document")
                : new ForbiddenException("document.forbidden", "This document is not available to you");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file; the OS cleans its temporary directory
            }
        }
    }
}
