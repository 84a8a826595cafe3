package registration.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * {@code customer-registration.rate-limit.*} (SPEC 8a "Abuse protection properties"). {@code groups.<group>}
 * overrides the per-IP {@code capacity} and {@code per-minute} refill of a {@link RouteGroup} (a key left out
 * keeps the group's default); {@code trusted-proxies} lists the IPs or CIDRs whose {@code X-Forwarded-For} is
 * believed; {@code redis-url} (empty = counters in this instance's memory) shares every limit across
 * instances, under {@code redis-key-prefix}; {@code enabled = false} turns all of it off.
 */
@Validated
@ConfigurationProperties("customer-registration.rate-limit")
record RateLimitSettings(@DefaultValue("true") boolean enabled,
                         String redisUrl,
                         @DefaultValue("customer-registration:rate-limit:") @NotBlank String redisKeyPrefix,
                         @DefaultValue List<String> trustedProxies,
                         @DefaultValue Map<RouteGroup, @Valid Limit> groups,
                         @DefaultValue @Valid LoginLockout loginLockout) {

    /** One group's override; {@code null} keeps the group's default. */
    record Limit(@Min(1) Integer capacity, @Min(1) Integer perMinute) {
    }

    /** After {@code max-failures} failed logins for one identifier within {@code window}, refuse it for {@code lock}. */
    record LoginLockout(@DefaultValue("10") @Min(1) int maxFailures,
                        @DefaultValue("15m") @DurationMin(seconds = 1) Duration window,
                        @DefaultValue("15m") @DurationMin(seconds = 1) Duration lock) {
    }

    boolean shared() {
        return redisUrl != null && !redisUrl.isBlank();
    }

    int capacity(RouteGroup group) {
        Limit limit = groups.get(group);
        return limit == null || limit.capacity() == null ? group.defaultCapacity() : limit.capacity();
    }

    int perMinute(RouteGroup group) {
        Limit limit = groups.get(group);
        return limit == null || limit.perMinute() == null ? group.defaultPerMinute() : limit.perMinute();
    }
}
