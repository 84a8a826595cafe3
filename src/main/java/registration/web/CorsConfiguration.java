package registration.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Browser storefronts on the configured origins may call {@code /store/*} and {@code /auth/*}. */
@Configuration(proxyBeanMethods = false)
class CorsConfiguration implements WebMvcConfigurer {

    private final StoreSettings settings;

    CorsConfiguration(StoreSettings settings) {
        this.settings = settings;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        if (settings.cors().isEmpty()) {
            return;
        }
        String[] origins = settings.cors().toArray(String[]::new);
        for (String path : new String[] {"/store/**", "/auth/**"}) {
            registry.addMapping(path).allowedOriginPatterns(origins)
                    .allowedMethods("GET", "POST", "PATCH", "DELETE", "OPTIONS")
                    .allowedHeaders("*").allowCredentials(true).maxAge(3600)
                    .exposedHeaders("Retry-After"); // so that a storefront can read when to retry after a 429
        }
    }
}
