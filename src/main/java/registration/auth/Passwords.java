package registration.auth;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;

/**
 * Argon2id password hashing at OWASP parameters (m = 19 MiB, t = 2, p = 1), as standard PHC strings
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}) that any Argon2 library verifies. Unknown identifiers
 * are checked against a dummy hash so that they take as long as known ones.
 * <p>
 * The hash time is the ceiling of login and sign-up throughput, so we use the fastest implementation measured
 * on Maven Central (README "Benchmarks", {@code PasswordsBenchmark}): the reference C implementation through
 * argon2-jvm's JNA binding, faster than Bouncy Castle and password4j, and its 19 MiB work area is native memory
 * freed after each hash instead of garbage on the Java heap. Hashes written by Bouncy Castle (Spring Security's
 * {@code Argon2PasswordEncoder}, used before) verify unchanged: the text is the same standard.
 * <p>
 * At most one hash per core runs at a time (the others wait their turn, first come first served): hashing is
 * CPU-bound, so more at once cannot finish sooner, and each one holds 19 MiB, so a burst of logins would
 * otherwise cost memory in proportion to the burst instead of to the cores.
 */
@Component
public class Passwords {

    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final String CURRENT_PARAMETERS =
            "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$";

    private final Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id, SALT_BYTES, HASH_BYTES);
    private final Semaphore cores = new Semaphore(Runtime.getRuntime().availableProcessors(), true);
    private final String dummyHash = hash("dummy-password-for-constant-time-login");

    public String hash(CharSequence password) {
        char[] chars = chars(password);
        try {
            return onACore(() -> argon2.hash(ITERATIONS, MEMORY_KIB, PARALLELISM, chars, StandardCharsets.UTF_8));
        } finally {
            argon2.wipeArray(chars);
        }
    }

    public boolean matches(CharSequence password, String hash) {
        if (hash == null || !hash.startsWith("$argon2id$")) {
            return false;
        }
        char[] chars = chars(password);
        try {
            return onACore(() -> argon2.verify(hash, chars, StandardCharsets.UTF_8));
        } catch (RuntimeException malformedHash) {
            return false;
        } finally {
            argon2.wipeArray(chars);
        }
    }

    /** Spends the time of one verification, for an identifier that does not exist. */
    public void burnVerification(CharSequence password) {
        matches(password, dummyHash);
    }

    /** The hash was made with other parameters than today's: re-hash it after a successful login. */
    public boolean needsRehash(String hash) {
        return !hash.startsWith(CURRENT_PARAMETERS);
    }

    private <T> T onACore(Supplier<T> work) {
        cores.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            cores.release();
        }
    }

    private static char[] chars(CharSequence password) {
        char[] chars = new char[password.length()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = password.charAt(i);
        }
        return chars;
    }
}
