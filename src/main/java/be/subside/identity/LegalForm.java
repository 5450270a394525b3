package be.subside.identity;

public enum LegalForm {
    /** Association sans but lucratif / vereniging zonder winstoogmerk. */
    ASBL_VZW,
    /** Fondation / stichting. */
    FOUNDATION,
    /** Public body (CPAS/OCMW, commune, ...). */
    PUBLIC_BODY,
    /** Société coopérative agréée entreprise sociale. */
    SOCIAL_COOPERATIVE
}
