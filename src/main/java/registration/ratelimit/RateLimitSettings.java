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
 *
 * @param enabled        {@code false} turns off the per-IP buckets and the login lockout (not the OTP caps
 *                       and send budgets, which have their own switches)
 * @param redisUrl       {@code redis://[:password@]host[:port][/db]} or {@code rediss://…}: shares every limit
 *                       across instances; unset, each instance counts in its own memory
 * @param redisKeyPrefix prefix of the Redis keys, for several deployments on one Redis
 * @param trustedProxies IPs or CIDR blocks whose {@code X-Forwarded-For} is believed (the right-most address
 *                       that is not itself a trusted proxy is the client)
 * @param groups         per route group ({@code login}, {@code register}, {@code contact-change},
 *                       {@code otp-send}, {@code otp-verify}, {@code reset}, {@code deletion-cancel}): the per-IP
 *                       bucket's {@code capacity} and {@code per-minute} refill; a key left out keeps the
 *                       group's default (docs/abuse-protection.md)
 * @param loginLockout   failed logins allowed per identifier before it is locked
 */
@Validated
@ConfigurationProperties("customer-registration.rate-limit")
record RateLimitSettings(@DefaultValue("true") boolean enabled,
                         String redisUrl,
                         @DefaultValue("customer-registration:rate-limit:") @NotBlank String redisKeyPrefix,
                         @DefaultValue List<String> trustedProxies,
                         @DefaultValue Map<RouteGroup, @Valid Limit> groups,
                         @DefaultValue @Valid LoginLockout loginLockout) {

    /**
     * One group's override; {@code null} keeps the group's default.
     *
     * @param capacity  tokens a client IP's bucket holds (the burst it may send)
     * @param perMinute tokens that flow back into the bucket per minute
     */
    record Limit(@Min(1) Integer capacity, @Min(1) Integer perMinute) {
    }

    /**
     * After {@code max-failures} failed logins for one identifier within {@code window}, refuse it for {@code lock}.
     *
     * @param maxFailures failed logins (and repeated sign-ups) for one identifier within {@code window} before it
     *                    is locked
     * @param window      the window the failures are counted in
     * @param lock        how long a locked identifier is refused (429 {@code login_locked}), even with the right
     *                    password
     */
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
