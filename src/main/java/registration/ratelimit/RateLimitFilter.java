package registration.ratelimit;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

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
 * CORS preflights pass untouched; the 429 carries the CORS headers a browser storefront needs to read it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RateLimitFilter extends OncePerRequestFilter {

    private final boolean enabled;
    private final Map<RouteGroup, BucketConfiguration> limits = new EnumMap<>(RouteGroup.class);
    private final ClientAddress clients;
    private final Throttles throttles;
    private final ErrorResponses errors;
    private final ObjectProvider<HandlerMappingIntrospector> cors;

    RateLimitFilter(RateLimitSettings settings, ClientAddress clients, Throttles throttles, ErrorResponses errors,
                    ObjectProvider<HandlerMappingIntrospector> cors) {
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
        this.cors = cors;
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
        if (!corsAllows(request, response)) {
            return; // answered 403, as Spring MVC answers a request from an origin it does not allow
        }
        errors.write(response, ApiException.tooManyRequests("Too many requests. Please try again later.",
                "rate_limited", Duration.ofNanos(probe.getNanosToWaitForRefill())));
    }

    /** Adds the CORS headers Spring MVC would have added had the request reached its controller. */
    private boolean corsAllows(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HandlerMappingIntrospector introspector = cors.getIfAvailable();
        if (!CorsUtils.isCorsRequest(request) || introspector == null) {
            return true;
        }
        var previous = introspector.setCache(request);
        try {
            CorsConfiguration config = introspector.getCorsConfiguration(request);
            return config == null || new DefaultCorsProcessor().processRequest(config, request, response);
        } finally {
            introspector.resetCache(request, previous);
        }
    }
}
