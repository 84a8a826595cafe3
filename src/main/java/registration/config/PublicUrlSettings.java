package registration.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code customer-registration.public-url}: the service's public base URL, as other services and browsers reach it
 * (issue 18): the default issuer ({@code iss}) of its tokens and the base of {@code /.well-known/jwks.json}. The
 * default suits the embedded H2 development run; on any other database it must be set ({@link ProductionDefaultsCheck}).
 *
 * @param publicUrl the service's public base URL: the default token issuer ({@code jwt.issuer}) and the JWKS base;
 *                  required on any database but the embedded H2
 */
@ConfigurationProperties("customer-registration")
public record PublicUrlSettings(@DefaultValue("http://localhost:9000") String publicUrl) {

    /** The URL without a trailing slash. */
    public String base() {
        String url = publicUrl.strip();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
