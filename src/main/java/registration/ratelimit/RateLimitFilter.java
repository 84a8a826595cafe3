package registration.ratelimit;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import registration.web.ApiException;
import registration.web.ErrorResponses;

/**
 * Per-client-IP token buckets on the unauthenticated route groups (SPEC 4): each request to a
 * {@link RouteGroup} takes a token from its client's bucket for that group, and an empty bucket answers 429
 * {@code too_many_requests} (code {@code rate_limited}) with {@code Retry-After} before any controller runs.
 * It runs after the CORS filter, so that preflights never spend a token and a 429 carries the CORS headers a
 * browser storefront needs to read it, and before the publishable-key check.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 15)
class RateLimitFilter extends OncePerRequestFilter {

    private final boolean enabled;
    private final Map<RouteGroup, BucketConfiguration> limits = new EnumMap<>(RouteGroup.class);
    private final ClientAddress clients;
    private final LimitCounters throttles;
    private final ErrorResponses errors;

    RateLimitFilter(RateLimitSettings settings, ClientAddress clients, LimitCounters throttles, ErrorResponses errors) {
        this.enabled = settings.enabled();
        for (RouteGroup group : RouteGroup.values()) {
            limits.put(group, BucketConfiguration.builder().addLimit(Bandwidth.builder()
                    .capacity(settings.capacity(group))
                    .refillGreedy(settings.perMinute(group), Duration.ofMinutes(1))
                    .build()).build());
        }
        this.clients = clients;
        this.throttles = throttles;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !enabled || CorsUtils.isPreFlightRequest(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<RouteGroup> group = RouteGroup.of(request.getRequestURI(), request.getContextPath());
        if (group.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        String key = "ip:" + group.get().id() + ":" + clients.of(request);
        ConsumptionProbe probe = throttles.tryConsume(key, limits.get(group.get()));
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        errors.write(response, ApiException.tooManyRequests("Too many requests. Please try again later.",
                "rate_limited", Duration.ofNanos(probe.getNanosToWaitForRefill())));
    }
}
