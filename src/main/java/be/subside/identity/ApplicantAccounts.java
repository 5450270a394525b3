package be.subside.identity;

import be.subside.shared.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applicant logins (the portal's own user store): self-registration with e-mail verification, BCrypt-hashed
 * passwords with a policy, and throttling: after {@value #MAX_FAILURES} wrong passwords the account is locked for
 * {@link #LOCK}.
 */
@Service
public class ApplicantAccounts implements UserDetailsService {

    static final int MIN_PASSWORD = 12;
    static final int MAX_FAILURES = 5;
    static final Duration LOCK = Duration.ofMinutes(15);
    static final Duration VERIFICATION = Duration.ofDays(2);
    static final Duration RESET = Duration.ofHours(1);
    /** One reset mail per address in this time, however often the form is sent. */
    static final Duration RESET_INTERVAL = Duration.ofMinutes(5);
    private static final Set<String> COMMON = Set.of("password1234", "123456789012", "azertyuiop12", "motdepasse12",
            "wachtwoord12", "qwertyuiop12", "000000000000", "aaaaaaaaaaaa");

    private final ApplicantAccountRepository accounts;
    private final PasswordEncoder encoder;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApplicantAccounts(ApplicantAccountRepository accounts, PasswordEncoder encoder, ApplicationEventPublisher events,
            Clock clock) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.events = events;
        this.clock = clock;
    }

    /** An account that can sign in at once (demo data, tests, accounts created by staff). */
    @Transactional
    public void create(String userId, String password) {
        ApplicantAccount account = newAccount(userId, password, Language.FR);
        account.verified();
        accounts.save(account);
    }

    /**
     * Self-registration. A new address gets an unverified account and a verification link by mail; a known address
     * gets a mail saying it already has an account. The caller sees the same outcome either way.
     */
    @Transactional
    public void register(String email, String password, Language language) {
        String userId = normaliseEmail(email);
        checkPassword(password, userId);
        if (accounts.existsById(userId)) {
            events.publishEvent(new AccountVerificationRequested(userId, language, null, null, true));
            return;
        }
        ApplicantAccount account = newAccount(userId, password, language);
        String token = token();
        Instant validUntil = clock.instant().plus(VERIFICATION);
        account.awaitVerification(hash(token), validUntil);
        accounts.save(account);
        events.publishEvent(new AccountVerificationRequested(userId, language, token, validUntil, false));
    }

    /** Verifies the address behind a link; false when the link is unknown, used or expired. */
    @Transactional
    public boolean verify(String token) {
        return linkHash(token).flatMap(hash -> accounts.findByVerificationHash(hash)
                        .filter(a -> a.verificationMatches(hash, clock.instant())))
                .map(account -> {
                    account.verified();
                    return true;
                }).orElse(false);
    }

    /**
     * Forgotten password: a known, not too recently served address gets a one-time link valid for {@link #RESET}. The
     * caller sees the same outcome for an unknown address, so the form reveals nothing.
     */
    @Transactional
    public void requestPasswordReset(String email) {
        String userId = normaliseEmail(email);
        Instant now = clock.instant();
        accounts.findById(userId).filter(a -> !a.resetRequestedSince(now.minus(RESET_INTERVAL))).ifPresent(account -> {
            String token = token();
            Instant validUntil = now.plus(RESET);
            account.awaitReset(hash(token), now, validUntil);
            events.publishEvent(new PasswordResetRequested(userId, account.getLanguage(), token, validUntil));
        });
    }

    /** Whether a reset link can still be used (to show the form or say at once that the link is spent). */
    @Transactional(readOnly = true)
    public boolean resetLinkValid(String token) {
        return resetAccount(token).isPresent();
    }

    /** Sets a new password through a reset link; refused with the field at fault when the link or password is bad. */
    @Transactional
    public void resetPassword(String token, String password) {
        ApplicantAccount account = resetAccount(token).orElseThrow(() -> new InvalidInputException(
                "account.reset.invalid", "token", "This reset link is unknown, used or expired"));
        checkPassword(password, account.getUserId());
        account.passwordReset(encoder.encode(password));
    }

    private java.util.Optional<ApplicantAccount> resetAccount(String token) {
        return linkHash(token).flatMap(hash -> accounts.findByResetHash(hash)
                .filter(a -> a.resetMatches(hash, clock.instant())));
    }

    /** The stored form of a mailed link's token; none for what cannot be one of our tokens. */
    private static java.util.Optional<String> linkHash(String token) {
        return token == null || token.isBlank() || token.length() > 100 ? java.util.Optional.empty()
                : java.util.Optional.of(hash(token));
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        ApplicantAccount account = accounts.findById(username.strip().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new UsernameNotFoundException("No applicant " + username));
        return User.withUsername(account.getUserId()).password(account.getPasswordHash()).roles("APPLICANT")
                .disabled(!account.isVerified()).accountLocked(account.lockedAt(clock.instant())).build();
    }

    @EventListener
    @Transactional
    public void onFailure(AuthenticationFailureBadCredentialsEvent event) {
        accounts.findById(String.valueOf(event.getAuthentication().getName()).strip().toLowerCase(Locale.ROOT))
                .ifPresent(account -> account.loginFailed(MAX_FAILURES, clock.instant().plus(LOCK)));
    }

    @EventListener
    @Transactional
    public void onSuccess(AuthenticationSuccessEvent event) {
        accounts.findById(event.getAuthentication().getName()).ifPresent(ApplicantAccount::loginSucceeded);
    }

    private ApplicantAccount newAccount(String userId, String password, Language language) {
        String normalised = normaliseEmail(userId);
        checkPassword(password, normalised);
        if (accounts.existsById(normalised)) {
            throw new InvalidInputException("account.exists", "email", "This login cannot be created");
        }
        return new ApplicantAccount(normalised, encoder.encode(password), language, clock.instant());
    }

    public static String normaliseEmail(String email) {
        String value = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (!value.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || value.length() > 128) {
            throw new InvalidInputException("account.email", "email", "Enter your e-mail address, e.g. name@example.org");
        }
        return value;
    }

    private static void checkPassword(String password, String email) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new InvalidInputException("account.password.short", "password",
                    "The password needs at least " + MIN_PASSWORD + " characters");
        }
        if (password.length() > 128) {
            throw new InvalidInputException("account.password.long", "password", "The password is too long");
        }
        if (COMMON.contains(password.toLowerCase(Locale.ROOT)) || password.equalsIgnoreCase(email)
                || password.chars().distinct().count() < 5) {
            throw new InvalidInputException("account.password.weak", "password", "This password is too easy to guess");
        }
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
