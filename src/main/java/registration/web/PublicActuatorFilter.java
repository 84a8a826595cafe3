package registration.web;

import java.io.IOException;
import java.util.Set;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Keeps operators' endpoints off the public port (SPEC 11 "Metrics and health"): there only the health
 * probes answer, without details ({@code /actuator/health}, {@code …/liveness}, {@code …/readiness}; load
 * balancers and the benchmark use them); Prometheus metrics and any other endpoint answer 404. Metrics say
 * how many sign-ups, logins and failures the store has, and health details name its database and mail
 * server. With {@code management.server.port} set to another port, Spring Boot serves every actuator endpoint
 * there, in a context of its own that this filter does not belong to.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class PublicActuatorFilter extends OncePerRequestFilter {

    private static final Set<String> PUBLIC = Set.of("/actuator/health", "/actuator/health/liveness",
            "/actuator/health/readiness");

    private final ErrorResponses errors;

    PublicActuatorFilter(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = RoutedPath.of(request);
        return path != null && (!RoutedPath.within(path, "/actuator") || PUBLIC.contains(path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        errors.write(response, new ApiException(ErrorType.NOT_FOUND, "Route not found"));
    }
}
