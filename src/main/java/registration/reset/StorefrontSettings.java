package registration.reset;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Pattern;

/**
 * {@code customer-registration.storefront-url}: where the password reset link points.
 *
 * @param storefrontUrl the storefront (http(s), no query): base of the password reset link and of the account page
 *                      linked from deletion notices; a localhost URL stops start-up on any database but the
 *                      embedded H2 unless {@code allow-localhost-storefront}
 */
@Validated
@ConfigurationProperties("customer-registration")
record StorefrontSettings(@DefaultValue("http://localhost:8000")
                          @Pattern(regexp = "https?://[^\\s?#]+", message = "must be an http(s) URL without query or fragment")
                          String storefrontUrl) {

    /** {@code {storefront-url}/reset-password?token=…&email=…}, both values URL-encoded. */
    String resetUrl(String token, String email) {
        String base = storefrontUrl.endsWith("/") ? storefrontUrl.substring(0, storefrontUrl.length() - 1) : storefrontUrl;
        return base + "/reset-password?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                + "&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8);
    }
}
