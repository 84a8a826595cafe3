package registration.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code customer-registration.jwt.*}. The secret signs every token (HS256) and must be at least 32 bytes;
 * without one the service starts only on its embedded H2 database, with a random dev secret and a warning.
 *
 * @param secret    HS256 secret of every token, at least 32 bytes; also keys the OTP hashes and the outbox
 *                  encryption. Required on any database but the embedded H2 (which uses a random dev secret)
 * @param expiresIn lifetime of login and registration tokens
 */
@Validated
@ConfigurationProperties("customer-registration.jwt")
record JwtSettings(String secret, @DefaultValue("1d") Duration expiresIn) {

    @Override
    public String toString() {
        return "JwtSettings[secret=<hidden>, expiresIn=" + expiresIn + "]";
    }
}
