package be.subside.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/** A portal user acting for an organisation. Applicants have no Camunda identity: this is where they belong. */
@Entity
@Table(name = "organisation_member",
        uniqueConstraints = @UniqueConstraint(columnNames = {"organisation_id", "user_id"}))
public class OrganisationMember {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "organisation_id", nullable = false)
    private Long organisationId;

    @Column(name = "user_id", nullable = false, length = 128)
    private String userId;

    @Column(nullable = false)
    private boolean administrator;

    @Column(name = "invited_by", length = 128)
    private String invitedBy;

    @Column(name = "joined_at")
    private java.time.Instant joinedAt;

    protected OrganisationMember() {
    }

    OrganisationMember(Long organisationId, String userId, boolean administrator, String invitedBy,
            java.time.Instant joinedAt) {
        this.organisationId = organisationId;
        this.userId = userId;
        this.administrator = administrator;
        this.invitedBy = invitedBy;
        this.joinedAt = joinedAt;
    }

    public Long getOrganisationId() {
        return organisationId;
    }

    public String getUserId() {
        return userId;
    }

    public boolean isAdministrator() {
        return administrator;
    }

    public String getInvitedBy() {
        return invitedBy;
    }

    public java.time.Instant getJoinedAt() {
        return joinedAt;
    }
}
