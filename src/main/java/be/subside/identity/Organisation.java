package be.subside.identity;

import be.subside.call.Administration;
import be.subside.shared.InvalidInputException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A non-profit (or public) organisation that applies, alone or with partners. */
@Entity
@Table(name = "organisation")
public class Organisation {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 300)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "legal_form", nullable = false, length = 32)
    private LegalForm legalForm;

    @Column(name = "enterprise_number", nullable = false, unique = true, length = 10)
    private String enterpriseNumber;

    @Column(nullable = false, length = 300)
    private String street;

    @Column(name = "postal_code", nullable = false, length = 4)
    private String postalCode;

    @Column(nullable = false, length = 100)
    private String municipality;

    @Enumerated(EnumType.STRING)
    @Column(name = "competent_administration", nullable = false, length = 16)
    private Administration competentAdministration;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 2)
    private Language language;

    @Column(name = "contact_email", nullable = false, length = 254)
    private String contactEmail;

    /** Set when mail to the contact address was refused; shown on the profile until the address changes. */
    @Column(name = "contact_email_problem", length = 500)
    private String contactEmailProblem;

    @Version
    private long version;

    protected Organisation() {
    }

    public Organisation(String name, LegalForm legalForm, String enterpriseNumber, String street, String postalCode,
            String municipality, Administration competentAdministration, Language language, String contactEmail) {
        this.name = required(name, "name", 300);
        this.legalForm = requiredValue(legalForm, "legalForm");
        this.enterpriseNumber = EnterpriseNumber.normalise(enterpriseNumber, "enterpriseNumber");
        this.street = required(street, "street", 300);
        this.postalCode = BrusselsPostalCode.validate(postalCode, "postalCode");
        this.municipality = required(municipality, "municipality", 100);
        this.competentAdministration = requiredValue(competentAdministration, "competentAdministration");
        this.language = requiredValue(language, "language");
        this.contactEmail = contactEmail(contactEmail);
    }

    /**
     * The administrator corrects the profile. The enterprise number and the competent administration are who the
     * organisation is and who handles its cases: they do not change here. A new contact address clears a reported
     * delivery problem.
     */
    void updateProfile(String name, LegalForm legalForm, String street, String postalCode, String municipality,
            Language language, String contactEmail) {
        String newName = required(name, "name", 300);
        LegalForm newLegalForm = requiredValue(legalForm, "legalForm");
        String newStreet = required(street, "street", 300);
        String newPostalCode = BrusselsPostalCode.validate(postalCode, "postalCode");
        String newMunicipality = required(municipality, "municipality", 100);
        Language newLanguage = requiredValue(language, "language");
        String newContact = contactEmail(contactEmail);
        if (!newContact.equalsIgnoreCase(this.contactEmail)) {
            contactEmailProblem = null;
        }
        this.name = newName;
        this.legalForm = newLegalForm;
        this.street = newStreet;
        this.postalCode = newPostalCode;
        this.municipality = newMunicipality;
        this.language = newLanguage;
        this.contactEmail = newContact;
    }

    private static String contactEmail(String value) {
        String email = required(value, "contactEmail", 254);
        if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new InvalidInputException("contactEmail.format", "contactEmail",
                    "'" + value + "' is not an e-mail address");
        }
        return email;
    }

    private static String required(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field + ".missing", field, "The field " + field + " is required");
        }
        String v = value.strip();
        if (v.length() > max) {
            throw new InvalidInputException(field + ".tooLong", field,
                    "The field " + field + " is longer than " + max + " characters");
        }
        return v;
    }

    private static <T> T requiredValue(T value, String field) {
        if (value == null) {
            throw new InvalidInputException(field + ".missing", field, "The field " + field + " is required");
        }
        return value;
    }

    void reportContactProblem(String problem) {
        this.contactEmailProblem = problem.length() <= 500 ? problem : problem.substring(0, 500);
    }

    public String getContactEmailProblem() {
        return contactEmailProblem;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public LegalForm getLegalForm() {
        return legalForm;
    }

    public String getEnterpriseNumber() {
        return enterpriseNumber;
    }

    public String getStreet() {
        return street;
    }

    public String getPostalCode() {
        return postalCode;
    }

    public String getMunicipality() {
        return municipality;
    }

    public Administration getCompetentAdministration() {
        return competentAdministration;
    }

    public Language getLanguage() {
        return language;
    }

    public String getContactEmail() {
        return contactEmail;
    }
}
