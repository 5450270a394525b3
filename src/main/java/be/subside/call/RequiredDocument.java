package be.subside.call;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** One slot of a stage's required-document checklist: call configuration, not code. */
@Embeddable
public class RequiredDocument {

    @Enumerated(EnumType.STRING)
    @Column(name = "stage", nullable = false, length = 16)
    private Stage stage;

    @Column(name = "slot", nullable = false, length = 64)
    private String slot;

    @Column(name = "label_fr", nullable = false, length = 300)
    private String labelFr;

    @Column(name = "label_nl", nullable = false, length = 300)
    private String labelNl;

    @Column(name = "one_per_partner", nullable = false)
    private boolean onePerPartner;

    protected RequiredDocument() {
    }

    public RequiredDocument(Stage stage, String slot, String labelFr, String labelNl, boolean onePerPartner) {
        this.stage = stage;
        this.slot = slot;
        this.labelFr = labelFr;
        this.labelNl = labelNl;
        this.onePerPartner = onePerPartner;
    }

    public Stage stage() {
        return stage;
    }

    public String slot() {
        return slot;
    }

    public String labelFr() {
        return labelFr;
    }

    public String labelNl() {
        return labelNl;
    }

    public boolean onePerPartner() {
        return onePerPartner;
    }
}
