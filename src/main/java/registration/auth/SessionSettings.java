package registration.auth;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code customer-registration.session.*}: the cookie sessions of the Medusa SDK's session mode
 * ({@code POST /auth/session}).
 *
 * @param lifetime   how long a session lasts from {@code POST /auth/session} (fixed, not sliding); the SDK starts
 *                   a new one on every login and refresh
 * @param cookieName the cookie's name
 */
@Validated
@ConfigurationProperties("customer-registration.session")
record SessionSettings(@DefaultValue("24h") @NotNull Duration lifetime,
                       @DefaultValue("registration_session") @Pattern(regexp = "[A-Za-z0-9_.-]{1,64}") String cookieName) {

    SessionSettings {
        if (lifetime.compareTo(Duration.ofMinutes(1)) < 0 || lifetime.compareTo(Duration.ofDays(90)) > 0) {
            throw new IllegalArgumentException("customer-registration.session.lifetime must be between 1m and 90d, was " + lifetime);
        }
    }
}
