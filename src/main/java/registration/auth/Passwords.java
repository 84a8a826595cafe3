package registration.auth;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id password hashing at OWASP parameters (m = 19 MiB, t = 2, p = 1). Unknown identifiers are
 * checked against a dummy hash so that they take as long as known ones.
 */
@Component
public class Passwords {

    private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    private final String dummyHash = encoder.encode("dummy-password-for-constant-time-login");

    public String hash(CharSequence password) {
        return encoder.encode(password);
    }

    public boolean matches(CharSequence password, String hash) {
        return encoder.matches(password, hash);
    }

    /** Spends the time of one verification, for an identifier that does not exist. */
    public void burnVerification(CharSequence password) {
        encoder.matches(password, dummyHash);
    }

    /** The hash was made with other parameters than today's: re-hash it after a successful login. */
    public boolean needsRehash(String hash) {
        return encoder.upgradeEncoding(hash);
    }
}
