package registration.auth;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.stereotype.Component;


/**
 * Start-up checks that span more than one setting; a failure stops the service naming the key.
 */
@Component
class AuthSettingsCheck {

    AuthSettingsCheck(RegistrationSettings registration, LoginSettings login, JwtSettings jwt,
                      DataSourceProperties dataSource) {
        if (login.identifier() != null && !login.identifier().coveredBy(registration.identifier())) {
            throw new IllegalStateException("customer-registration.login.identifier=" + login.identifier().name().toLowerCase()
                    + " is not covered by customer-registration.registration.identifier="
                    + registration.identifier().name().toLowerCase()
                    + " (email needs email, phone needs phone, both accepts any)");
        }
        if (jwt.secret() != null && !jwt.secret().isEmpty()
                && jwt.secret().getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalStateException("customer-registration.jwt.secret must be at least 32 bytes long");
        }
        // Whether signing keys are configured at all on a real database: config.ProductionDefaultsCheck (issue 18).
    }
}
