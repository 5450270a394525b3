package be.subside.identity;

/**
 * Someone registered with this address: it must receive either the verification link (a new account) or a note that
 * it already has an account. The page shown is the same in both cases, so registration reveals nothing. The token and
 * the moment the link stops working are null for a known address.
 */
public record AccountVerificationRequested(String email, Language language, String verificationToken,
        java.time.Instant validUntil, boolean alreadyRegistered) {
}
