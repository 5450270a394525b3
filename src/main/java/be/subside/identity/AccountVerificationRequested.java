package be.subside.identity;

/**
 * Someone registered with this address: it must receive either the verification link (a new account) or a note that
 * it already has an account. The page shown is the same in both cases, so registration reveals nothing.
 */
public record AccountVerificationRequested(String email, Language language, String verificationToken,
        boolean alreadyRegistered) {
}
