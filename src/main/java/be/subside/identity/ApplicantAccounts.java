package be.subside.identity;

import be.subside.shared.InvalidInputException;
import java.time.Clock;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Applicant logins (the portal's own user store), with BCrypt-hashed passwords. */
@Service
public class ApplicantAccounts implements UserDetailsService {

    static final int MIN_PASSWORD = 12;

    private final ApplicantAccountRepository accounts;
    private final PasswordEncoder encoder;
    private final Clock clock;

    ApplicantAccounts(ApplicantAccountRepository accounts, PasswordEncoder encoder, Clock clock) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.clock = clock;
    }

    @Transactional
    public void create(String userId, String password) {
        if (userId == null || !userId.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || userId.length() > 128) {
            throw new InvalidInputException("account.userId", "userId", "The login is the user's e-mail address");
        }
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new InvalidInputException("account.password.short", "password",
                    "The password needs at least " + MIN_PASSWORD + " characters");
        }
        if (accounts.existsById(userId)) {
            throw new InvalidInputException("account.exists", "userId", "This login cannot be created");
        }
        accounts.save(new ApplicantAccount(userId, encoder.encode(password), clock.instant()));
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        ApplicantAccount account = accounts.findById(username)
                .orElseThrow(() -> new UsernameNotFoundException("No applicant " + username));
        return User.withUsername(account.getUserId()).password(account.getPasswordHash()).roles("APPLICANT").build();
    }
}
