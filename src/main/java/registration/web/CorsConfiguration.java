package registration.web;

import java.io.IOException;
import java.util.List;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.CorsFilter;

/**
 * Browser storefronts on the configured origins ({@code customer-registration.store.cors}) may call
 * {@code /store/*} and {@code /auth/*}. A refused cross-origin request answers 403 in the API's error shape.
 */
@Configuration(proxyBeanMethods = false)
class CorsConfiguration {

    @Bean
    FilterRegistrationBean<CorsFilter> corsFilter(StoreSettings settings, ErrorResponses errors) {
        var cors = new org.springframework.web.cors.CorsConfiguration();
        cors.setAllowedOriginPatterns(settings.cors());
        cors.setAllowedMethods(List.of("GET", "POST", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("*"));
        cors.setAllowCredentials(true);
        cors.setMaxAge(3600L);
        cors.setExposedHeaders(List.of("Retry-After")); // so that a storefront can read when to retry after a 429
        var source = new UrlBasedCorsConfigurationSource();
        if (!settings.cors().isEmpty()) {
            source.registerCorsConfiguration("/store/**", cors);
            source.registerCorsConfiguration("/auth/**", cors);
        }
        var filter = new CorsFilter(source);
        filter.setCorsProcessor(new DefaultCorsProcessor() {
            @Override
            protected void rejectRequest(ServerHttpResponse response) throws IOException {
                errors.write(((ServletServerHttpResponse) response).getServletResponse(),
                        new ApiException(ErrorType.FORBIDDEN, "Cross-origin request from this origin is not allowed"));
            }
        });
        var registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10); // before the publishable-key check: preflights carry no key
        return registration;
    }
}
