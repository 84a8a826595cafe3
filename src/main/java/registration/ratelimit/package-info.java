/**
 * Abuse protection (SPEC 4 and 8a "Abuse protection properties"): per-client-IP token buckets on every
 * unauthenticated route group ({@link registration.ratelimit.RouteGroup}), answered with 429
 * {@code too_many_requests} and {@code Retry-After} by {@link registration.ratelimit.RateLimitFilter}; the
 * client IP taken from {@code X-Forwarded-For} only behind configured trusted proxies
 * ({@link registration.ratelimit.ClientAddress}); and login guessing limits per identifier
 * ({@link registration.ratelimit.LoginAttempts}, the one type other features call). The counters live in
 * this instance's memory by default, or in Redis when {@code customer-registration.rate-limit.redis-url} is
 * set so that every instance enforces one limit; with Redis unreachable the service keeps serving on local
 * counters ({@link registration.ratelimit.LimitCounters}). The OTP resend throttle and per-code attempt limits
 * are not here: they live with the codes in the database ({@code otp}).
 */
package registration.ratelimit;
