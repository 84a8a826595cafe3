package registration.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

import registration.identifier.IdentifierMode;

/**
 * {@code customer-registration.registration.*}: what sign-up requires.
 *
 * @param identifier          what {@code POST /store/customers} needs: {@code email}, {@code phone} or {@code both}
 * @param requireVerification refuse login until the identifier used to log in is verified
 */
@Validated
@ConfigurationProperties("customer-registration.registration")
public record RegistrationSettings(@DefaultValue("email") @NotNull IdentifierMode identifier,
                                   @DefaultValue("true") boolean requireVerification) {
}
