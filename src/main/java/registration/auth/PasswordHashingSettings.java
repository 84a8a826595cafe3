package registration.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * {@code customer-registration.password-hashing.*}: the bounded queue of {@link Passwords}. Past it a request that
 * needs a hash is answered at once with 503 {@code overloaded} and {@code Retry-After} (docs/operating.md).
 *
 * @param threads       threads that hash passwords (Argon2id, 19 MiB each); unset, one per available processor
 * @param queueCapacity hashes that may wait for a hashing thread; unset, 64 per hashing thread (about 2 s of waiting
 *                      at 30 ms a hash); a request that finds it full is answered 503 {@code overloaded} at once
 * @param nice          the Linux scheduling priority of the hashing threads, 0 (as every other thread) to 19 (lowest);
 *                      unset, 10: hashes take the cores no request needs, so a burst of logins cannot starve the other
 *                      routes, while logins alone still get every core
 */
@Validated
@ConfigurationProperties("customer-registration.password-hashing")
record PasswordHashingSettings(@Min(1) @Max(256) Integer threads, @Min(1) @Max(100_000) Integer queueCapacity,
                               @Min(0) @Max(19) Integer nice) {

    /** 64 waiting hashes per thread at ~30 ms each: a login waits at most ~2 s before its hash starts. */
    static final int QUEUE_PER_THREAD = 64;

    /** Every setting at its default: for tests, benchmarks and the command line. */
    static PasswordHashingSettings defaults() {
        return new PasswordHashingSettings(null, null, null);
    }

    int effectiveThreads() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }

    /** 10: a hash then gets about a tenth of a core's share against a busy request thread (CFS weights 110 : 1024). */
    int effectiveNice() {
        return nice != null ? nice : 10;
    }

    int effectiveQueueCapacity() {
        return queueCapacity != null ? queueCapacity : QUEUE_PER_THREAD * effectiveThreads();
    }
}
