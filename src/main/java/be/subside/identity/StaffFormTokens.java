package be.subside.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The anti-forgery token of a staff form that writes (the committee's selection page): a keyed hash of the staff
 * member and the form, which only this server can compute, put into the page and required back with every write.
 * Stateless, so it needs no session (staff reading with Basic credentials have none, and a Tasklist session is left
 * as it is). The key is drawn at start: a restart invalidates the pages open at that moment (they are reloaded), and
 * nodes behind a load balancer need sticky sessions, as Tasklist itself does.
 */
@Component
public class StaffFormTokens {

    /** The form parameter that carries the token. */
    public static final String PARAMETER = "_token";

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public StaffFormTokens() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        key = new SecretKeySpec(secret, ALGORITHM);
    }

    /** The form id of a call's selection page, for {@link #issue} and {@link #valid}. */
    public static String selectionForm(String callCode) {
        return "selection:" + callCode;
    }

    public String issue(String userId, String form) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal((userId + "\n" + form).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No " + ALGORITHM + " in this JVM", e);
        }
    }

    public boolean valid(String token, String userId, String form) {
        return token != null && userId != null && MessageDigest.isEqual(
                token.getBytes(StandardCharsets.US_ASCII), issue(userId, form).getBytes(StandardCharsets.US_ASCII));
    }
}
