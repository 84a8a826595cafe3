package registration.apidocs;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code customer-registration.api-docs.*}.
 *
 * @param enabled   serve {@code GET /openapi.json} (default {@code true}: the document holds nothing secret, and
 *                  storefront teams and client generators need it against every environment)
 * @param swaggerUi serve Swagger UI at {@code /docs}; unset (the default), it is on with the embedded H2 database
 *                  (development) and off on any other database; needs {@code enabled}
 */
@ConfigurationProperties("customer-registration.api-docs")
record ApiDocsSettings(@DefaultValue("true") boolean enabled, Boolean swaggerUi) {

    static final String PREFIX = "customer-registration.api-docs";

    /** Whether {@code /docs} is served, with the embedded H2 database deciding when the setting is unset. */
    boolean swaggerUiOn(boolean embeddedDatabase) {
        return enabled && (swaggerUi == null ? embeddedDatabase : swaggerUi);
    }
}
