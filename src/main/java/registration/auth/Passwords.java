package registration.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import jakarta.annotation.PreDestroy;
import registration.web.ApiException;
import registration.web.Overloaded;

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
 * <b>Threads.</b> Hashes run on {@code password-hashing.threads} threads (default one per core), first come first
 * served: hashing is CPU-bound, so more at once cannot finish sooner; each one holds 19 MiB, so a burst of logins
 * costs memory in proportion to the threads, not to the burst; and a thread that hashes again reuses its warm work
 * area (bench/README.md). {@link #hash} and {@link #matches} never block their caller: they answer a future, so a
 * controller hands it to Spring MVC and its request thread serves other routes while the hash waits (issue 22).
 * <p>
 * <b>Bounded queue.</b> At most {@code password-hashing.queue-capacity} hashes wait (default 64 per thread, about
 * 2 s at 30 ms a hash): a login that would wait longer is worse off than one told at once to come back, so past
 * the queue {@link #hash} and {@link #matches} throw 503 {@code overloaded} immediately, with a {@code Retry-After}
 * of the queue's length times the recent hash time divided by the threads (at least 1 s). Dummy verifications
 * take the same queue, so an unknown identifier is refused exactly as a known one.
 * <p>
 * <b>After the hash.</b> The hashing threads only hash. Each answer is completed on one of a few
 * {@code password-after-hash} threads, with the request attributes of the caller bound (the audit trail reads the
 * client address from them): so the caller's {@code thenApply}/{@code thenCompose} steps — database writes, tokens,
 * events — run there, never on a hashing thread, and never on a request thread that could serve something else.
 * Those steps take a few milliseconds of database round trips against ~30 ms of hashing per core, so four threads
 * keep up with every hashing thread of a small machine without competing with requests for database connections.
 * No database connection or transaction may be open while a caller waits for a hash (SPEC 11 "Hashing and
 * connections"): read, release, hash, then write conditionally.
 */
@Component
public class Passwords {

    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int AFTER_HASH_THREADS = 4;
    private static final String CURRENT_PARAMETERS =
            "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$";

    private final Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id, SALT_BYTES, HASH_BYTES);
    private final int threads;
    private final ThreadPoolExecutor cores;
    private final ExecutorService afterHash = Executors.newFixedThreadPool(AFTER_HASH_THREADS, new Named("password-after-hash-", 0));
    /** Moving average of the time one hash takes, for Retry-After; starts at a typical 30 ms. */
    private volatile long recentHashNanos = Duration.ofMillis(30).toNanos();
    private final String dummyHash = hashNow("dummy-password-for-constant-time-login");

    Passwords(PasswordHashingSettings settings) {
        this.threads = settings.effectiveThreads();
        this.cores = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(settings.effectiveQueueCapacity()), new Named("argon2-", settings.effectiveNice()),
                new ThreadPoolExecutor.AbortPolicy());
        cores.prestartAllCoreThreads();
    }

    /**
     * A new Argon2id hash of {@code password}, completed on an after-hash thread.
     *
     * @throws ApiException 503 {@code overloaded} at once when the hashing queue is full
     */
    public CompletableFuture<String> hash(CharSequence password) {
        char[] chars = chars(password);
        return onACore(chars, () -> argon2.hash(ITERATIONS, MEMORY_KIB, PARALLELISM, chars, StandardCharsets.UTF_8));
    }

    /**
     * The same hash on the calling thread, outside the queue: only where no request thread waits (the
     * {@code create-admin} command).
     */
    public String hashNow(CharSequence password) {
        char[] chars = chars(password);
        try {
            return argon2.hash(ITERATIONS, MEMORY_KIB, PARALLELISM, chars, StandardCharsets.UTF_8);
        } finally {
            argon2.wipeArray(chars);
        }
    }

    /**
     * Whether {@code password} matches {@code hash} (Argon2id, or scrypt-kdf imported from Medusa); false for a
     * missing or malformed hash. Completed on an after-hash thread.
     *
     * @throws ApiException 503 {@code overloaded} at once when the hashing queue is full
     */
    public CompletableFuture<Boolean> matches(CharSequence password, String hash) {
        if (ScryptKdfHash.isStored(hash)) {
            return matchesImported(password, hash);
        }
        if (hash == null || !hash.startsWith("$argon2id$")) {
            return CompletableFuture.completedFuture(false);
        }
        char[] chars = chars(password);
        return onACore(chars, () -> {
            try {
                return argon2.verify(hash, chars, StandardCharsets.UTF_8);
            } catch (RuntimeException malformedHash) {
                return false;
            }
        });
    }

    /**
     * A hash imported from Medusa (scrypt-kdf); {@link #needsRehash} is true for it, so the first successful
     * login replaces it with Argon2id. Verified on the same hashing threads: it costs 32 MiB and several times an
     * Argon2id hash's time (bench/README.md).
     */
    private CompletableFuture<Boolean> matchesImported(CharSequence password, String hash) {
        ScryptKdfHash imported;
        try {
            imported = ScryptKdfHash.ofStored(hash);
        } catch (IllegalArgumentException malformedHash) {
            // the import refuses these; a hand-edited row must not log in or fail with a 500
            return CompletableFuture.completedFuture(false);
        }
        char[] chars = chars(password);
        return onACore(chars, () -> imported.matches(java.nio.CharBuffer.wrap(chars)));
    }

    /**
     * Spends the time of one verification, for an identifier that does not exist: through the same queue, so it is
     * refused with the same 503 when the queue is full.
     */
    public CompletableFuture<Boolean> burnVerification(CharSequence password) {
        return matches(password, dummyHash);
    }

    /**
     * Throws 503 {@code overloaded} now if the queue is full, before a caller counts a login try that would then be
     * refused without its password being checked (a user retrying a refused burst must not lock themselves out).
     * A hint only: {@link #hash} and {@link #matches} still refuse when the queue fills in between.
     */
    public void requireRoom() {
        if (cores.getQueue().remainingCapacity() == 0) {
            throw Overloaded.error(retryAfter());
        }
    }

    /** The hash was made with other parameters than today's: re-hash it after a successful login. */
    public boolean needsRehash(String hash) {
        return !hash.startsWith(CURRENT_PARAMETERS);
    }

    /** Queues {@code work} on a hashing thread, or refuses it at once; {@code chars} are wiped once it ran (or never will). */
    private <T> CompletableFuture<T> onACore(char[] chars, Callable<T> work) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        CompletableFuture<T> answer = new CompletableFuture<>();
        try {
            cores.execute(() -> {
                long start = System.nanoTime();
                T result = null;
                Throwable failure = null;
                try {
                    result = work.call();
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    argon2.wipeArray(chars);
                }
                long took = System.nanoTime() - start;
                recentHashNanos = (recentHashNanos * 7 + took) / 8;
                complete(answer, result, failure, request);
            });
        } catch (RejectedExecutionException full) {
            argon2.wipeArray(chars);
            throw Overloaded.error(retryAfter());
        }
        return answer;
    }

    /** Hands the result to an after-hash thread, where the caller's next steps then run with its request bound. */
    private <T> void complete(CompletableFuture<T> answer, T result, Throwable failure, RequestAttributes request) {
        try {
            afterHash.execute(() -> {
                RequestAttributes previous = RequestContextHolder.getRequestAttributes();
                RequestContextHolder.setRequestAttributes(request);
                try {
                    if (failure != null) {
                        answer.completeExceptionally(failure);
                    } else {
                        answer.complete(result);
                    }
                } finally {
                    RequestContextHolder.setRequestAttributes(previous);
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            answer.completeExceptionally(shuttingDown);
        }
    }

    /** How long the queue, as full as it is now, takes to drain at the recent hash time. */
    private Duration retryAfter() {
        long waiting = cores.getQueue().size() + threads;
        return Duration.ofNanos(waiting * recentHashNanos / threads);
    }

    @PreDestroy
    void close() {
        cores.shutdownNow();
        afterHash.shutdown();
    }

    /** Named daemon threads; with {@code nice} > 0 each lowers its own CPU priority first ({@link ThreadNiceness}). */
    private static final class Named implements ThreadFactory {
        private final String prefix;
        private final int nice;
        private final AtomicInteger count = new AtomicInteger();

        Named(String prefix, int nice) {
            this.prefix = prefix;
            this.nice = nice;
        }

        @Override
        public Thread newThread(Runnable task) {
            Runnable run = nice == 0 ? task : () -> {
                ThreadNiceness.lowerCurrentThread(nice);
                task.run();
            };
            Thread thread = new Thread(run, prefix + count.incrementAndGet());
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
