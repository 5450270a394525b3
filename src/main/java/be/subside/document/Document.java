package be.subside.document;

import be.subside.call.Stage;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One version of a document of a case: its metadata and where its bytes are. The bytes themselves live in a
 * {@link DocumentStore} under a key the server generated; never in a process variable.
 */
@Entity
@Table(name = "document")
public class Document {

    /** Slot of free attachments that no checklist asks for. */
    public static final String OTHER = "OTHER";
    /** Slot of the acknowledgement of receipt generated at submission. */
    public static final String RECEIPT = "RECEIPT";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "application_id", nullable = false)
    private Long applicationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Stage stage;

    @Column(nullable = false, length = 64)
    private String slot;

    @Column(name = "partner_organisation_id")
    private Long partnerOrganisationId;

    /** The slot instance versions belong to: the slot, per partner for one-per-partner slots, per attachment for OTHER. */
    @Column(name = "slot_key", nullable = false, length = 100)
    private String slotKey;

    @Column(nullable = false)
    private int version;

    @Column(name = "is_current", nullable = false)
    private boolean current;

    @Column(nullable = false)
    private boolean frozen;

    @Column(name = "file_name", nullable = false, length = 255)
    private String fileName;

    @Column(name = "media_type", nullable = false, length = 100)
    private String mediaType;

    @Column(name = "size_bytes", nullable = false)
    private long size;

    @Column(nullable = false, length = 64)
    private String sha256;

    @Column(nullable = false, length = 16)
    private String storage;

    @Column(name = "storage_key", nullable = false, unique = true, length = 64)
    private String storageKey;

    @Column(name = "uploaded_by", nullable = false, length = 128)
    private String uploadedBy;

    @Column(name = "uploaded_at", nullable = false)
    private Instant uploadedAt;

    protected Document() {
    }

    Document(Long applicationId, Stage stage, String slot, Long partnerOrganisationId, String slotKey, int version,
            StoredFile file, String fileName, String storage, String storageKey, String uploadedBy, Instant uploadedAt) {
        this.applicationId = applicationId;
        this.stage = stage;
        this.slot = slot;
        this.partnerOrganisationId = partnerOrganisationId;
        this.slotKey = slotKey;
        this.version = version;
        this.current = true;
        this.fileName = fileName;
        this.mediaType = file.mediaType();
        this.size = file.size();
        this.sha256 = file.sha256();
        this.storage = storage;
        this.storageKey = storageKey;
        this.uploadedBy = uploadedBy;
        this.uploadedAt = uploadedAt;
    }

    void supersede() {
        current = false;
    }

    void freeze() {
        frozen = true;
    }

    public Long getId() {
        return id;
    }

    public Long getApplicationId() {
        return applicationId;
    }

    public Stage getStage() {
        return stage;
    }

    public String getSlot() {
        return slot;
    }

    public Long getPartnerOrganisationId() {
        return partnerOrganisationId;
    }

    public String getSlotKey() {
        return slotKey;
    }

    public int getVersion() {
        return version;
    }

    public boolean isCurrent() {
        return current;
    }

    public boolean isFrozen() {
        return frozen;
    }

    public String getFileName() {
        return fileName;
    }

    public String getMediaType() {
        return mediaType;
    }

    public long getSize() {
        return size;
    }

    public String getSha256() {
        return sha256;
    }

    public String getStorage() {
        return storage;
    }

    public String getStorageKey() {
        return storageKey;
    }

    public String getUploadedBy() {
        return uploadedBy;
    }

    public Instant getUploadedAt() {
        return uploadedAt;
    }
}
