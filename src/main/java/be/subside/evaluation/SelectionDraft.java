package be.subside.evaluation;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The selection the committee is composing for a call: the cases it holds, and which save made it (a revision number
 * that each save increases, so that a page opened before another save cannot overwrite it unseen).
 */
@Entity
@Table(name = "selection_draft")
class SelectionDraft {

    @Id
    @Column(name = "call_id")
    private Long callId;

    @Column(nullable = false)
    private long revision;

    @Column(name = "saved_by", nullable = false, length = 128)
    private String savedBy;

    @Column(name = "saved_at", nullable = false)
    private Instant savedAt;

    @ElementCollection
    @CollectionTable(name = "selection_draft_application", joinColumns = @JoinColumn(name = "call_id"))
    @Column(name = "application_id", nullable = false)
    private Set<Long> applicationIds = new HashSet<>();

    protected SelectionDraft() {
    }

    SelectionDraft(Long callId) {
        this.callId = callId;
    }

    /** Replaces the selection by {@code ids}: a new revision by {@code actor}. */
    void replace(Collection<Long> ids, String actor, Instant at) {
        applicationIds.retainAll(ids);
        applicationIds.addAll(ids);
        revision++;
        savedBy = actor;
        savedAt = at;
    }

    Long getCallId() {
        return callId;
    }

    long getRevision() {
        return revision;
    }

    String getSavedBy() {
        return savedBy;
    }

    Instant getSavedAt() {
        return savedAt;
    }

    Set<Long> getApplicationIds() {
        return Set.copyOf(applicationIds);
    }
}
