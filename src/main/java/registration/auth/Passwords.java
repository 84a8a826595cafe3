package registration.auth;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import jakarta.annotation.PreDestroy;

/**
 * Argon2id password hashing at OWASP parameters (m = 19 MiB, t = 2, p = 1), as standard PHC strings
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}) that any Argon2 library verifies. Unknown identifiers
 * are checked against a dummy hash so that they take as long as known ones.
 * <p>
 * The hash time is the ceiling of login and sign-up throughput, so we use the fastest implementation measured
 * on Maven Central ({@code PasswordsBenchmark}, figures in bench/README.md): the reference C implementation through
 * argon2-jvm's JNA binding, faster than Bouncy Castle and password4j, and its 19 MiB work area is native memory
 * freed after each hash instead of garbage on the Java heap. Hashes written by Bouncy Castle (Spring Security's
 * {@code Argon2PasswordEncoder}, used before) verify unchanged: the text is the same standard.
 * <p>
 * Hashes run on one thread per core (requests wait their turn, first come first served): hashing is CPU-bound,
 * so more at once cannot finish sooner; each one holds 19 MiB, so a burst of logins costs memory in proportion
 * to the cores, not to the burst; and a thread that hashes again reuses its warm 19 MiB work area, which made
 * logins faster under load than hashing on whichever request thread came (measured: bench/README.md).
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
    private final ExecutorService cores = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
            new HashingThreads());
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
        if (ScryptKdfHash.isStored(hash)) {
            return matchesImported(password, hash);
        }
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

    /**
     * A hash imported from Medusa (scrypt-kdf); {@link #needsRehash} is true for it, so the first successful
     * login replaces it with Argon2id. Verified on the same hashing threads: it costs 32 MiB and several times an
     * Argon2id hash's time (bench/README.md).
     */
    private boolean matchesImported(CharSequence password, String hash) {
        try {
            ScryptKdfHash imported = ScryptKdfHash.ofStored(hash);
            return onACore(() -> imported.matches(password));
        } catch (IllegalArgumentException malformedHash) {
            return false; // the import refuses these; a hand-edited row must not log in or fail with a 500
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

    private <T> T onACore(Callable<T> work) {
        Future<T> result = cores.submit(work);
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(false);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while hashing a password", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @PreDestroy
    void close() {
        cores.shutdownNow();
    }

    private static final class HashingThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "argon2-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
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
