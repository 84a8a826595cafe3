package registration.config;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings that are fine for development and unsafe in production, and the switches that allow them on a
 * production database (SPEC 10 "Fail-safe production defaults", 11 "Names"): {@code notifications.email.provider}
 * and {@code notifications.sms.provider} = {@code log} (codes would go to the log, not to customers) unless
 * {@code notifications.allow-log-provider}, and a localhost {@code storefront-url} (password reset links that lead
 * nowhere) unless {@code allow-localhost-storefront}; all under {@code customer-registration.}. The features bind
 * and validate these keys themselves; this view reads them only for the start-up check, bound before any
 * bean is ({@link DataSourceConfiguration}), hence no {@code @ConfigurationProperties} bean of it.
 */
record ProductionSettings(@DefaultValue("http://localhost:8000") String storefrontUrl,
                          @DefaultValue("false") boolean allowLocalhostStorefront,
                          @DefaultValue Notifications notifications) {

    record Notifications(@DefaultValue("false") boolean allowLogProvider,
                         @DefaultValue Provider email,
                         @DefaultValue Provider sms) {
    }

    record Provider(@DefaultValue("log") String provider) {
        boolean log() {
            return "log".equalsIgnoreCase(provider.strip());
        }
    }
}
