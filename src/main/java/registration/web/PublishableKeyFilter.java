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
 * Medusa's publishable-key check on {@code /store/*}, answered with Medusa's messages; off when no key is
 * configured. The path is judged as the dispatcher routes it ({@link RoutedPath}): {@code /%73tore/…} or
 * {@code /store;x=1/…} reach the store controllers, so they need the key too. A path that cannot be parsed
 * needs it as well (it routes nowhere, so that costs nothing).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class PublishableKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "x-publishable-api-key";

    private final Set<String> keys;
    private final ErrorResponses errors;

    PublishableKeyFilter(StoreSettings settings, ErrorResponses errors) {
        this.keys = Set.copyOf(settings.publishableKeys());
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (keys.isEmpty() || "OPTIONS".equals(request.getMethod())) { // CORS preflight carries no custom headers
            return true;
        }
        String path = RoutedPath.of(request);
        return path != null && !RoutedPath.within(path, "/store");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key == null || key.isBlank()) {
            errors.write(response, new ApiException(ErrorType.NOT_ALLOWED, "Publishable API key required in the request "
                    + "header: x-publishable-api-key. You can manage your keys in settings in the dashboard."));
        } else if (!keys.contains(key)) {
            errors.write(response, new ApiException(ErrorType.NOT_ALLOWED,
                    "A valid publishable key is required to proceed with the request"));
        } else {
            chain.doFilter(request, response);
        }
    }
}
