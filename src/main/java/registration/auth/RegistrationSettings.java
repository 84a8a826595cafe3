package registration.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

import registration.identifier.IdentifierMode;

/** {@code customer-registration.registration.*}: what sign-up requires. */
@Validated
@ConfigurationProperties("customer-registration.registration")
public record RegistrationSettings(@DefaultValue("email") @NotNull IdentifierMode identifier,
                                   @DefaultValue("true") boolean requireVerification) {
}
