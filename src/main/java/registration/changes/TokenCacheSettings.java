package registration.changes;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code customer-registration.token-cache.*}.
 *
 * @param enabled        false: every token check and {@code /me} reads the database, as before (changes are
 *                       still recorded, so instances with the cache on stay coherent)
 * @param maxEntries     per cache (identities, customers); least recently/frequently used entries go first
 * @param pollInterval   how often each instance reads new rows of {@code cache_change}; other instances see a
 *                       change within about this long (the contract: within 1 s)
 * @param maxStaleness   the bound when the poll fails: an entry older than this is served only while the last
 *                       successful poll is younger than this, so a lost change is honoured within it
 * @param gapTimeout     how long a missing change id (a transaction that took its id and has not committed, or
 *                       rolled back) is waited for before the poll moves past it
 * @param retention      how long change rows are kept before the purge deletes them
 */
@Validated
@ConfigurationProperties("customer-registration.token-cache")
record TokenCacheSettings(@DefaultValue("true") boolean enabled,
                          @DefaultValue("50000") @Min(0) @Max(10_000_000) int maxEntries,
                          @DefaultValue("200ms") Duration pollInterval,
                          @DefaultValue("5s") Duration maxStaleness,
                          @DefaultValue("10s") Duration gapTimeout,
                          @DefaultValue("1h") Duration retention) {

    TokenCacheSettings {
        require(pollInterval, Duration.ofMillis(10), Duration.ofSeconds(1), "poll-interval");
        require(maxStaleness, pollInterval.multipliedBy(2), Duration.ofMinutes(10), "max-staleness");
        require(gapTimeout, Duration.ofSeconds(1), Duration.ofMinutes(10), "gap-timeout");
        require(retention, gapTimeout.multipliedBy(2), Duration.ofDays(7), "retention");
    }

    private static void require(Duration value, Duration min, Duration max, String key) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException("customer-registration.token-cache." + key + " must be between "
                    + min + " and " + max + ", was " + value);
        }
    }
}
