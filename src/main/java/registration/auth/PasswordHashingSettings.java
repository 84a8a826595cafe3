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
 */
@Validated
@ConfigurationProperties("customer-registration.password-hashing")
record PasswordHashingSettings(@Min(1) @Max(256) Integer threads, @Min(1) @Max(100_000) Integer queueCapacity) {

    /** 64 waiting hashes per thread at ~30 ms each: a login waits at most ~2 s before its hash starts. */
    static final int QUEUE_PER_THREAD = 64;

    /** Every setting at its default: for tests, benchmarks and the command line. */
    static PasswordHashingSettings defaults() {
        return new PasswordHashingSettings(null, null);
    }

    int effectiveThreads() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }

    int effectiveQueueCapacity() {
        return queueCapacity != null ? queueCapacity : QUEUE_PER_THREAD * effectiveThreads();
    }
}
