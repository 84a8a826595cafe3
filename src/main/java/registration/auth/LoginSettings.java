package registration.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

import registration.identifier.IdentifierMode;

/**
 * {@code customer-registration.login.identifier}: which login providers are accepted. Unset, it follows
 * {@code registration.identifier}; it must be covered by it (checked at start-up by {@link AuthSettingsCheck}).
 *
 * @param identifier the login providers accepted: {@code email}, {@code phone} or {@code both}; unset, the same
 *                   as {@code registration.identifier}, which must cover it
 */
@ConfigurationProperties("customer-registration.login")
record LoginSettings(IdentifierMode identifier) {

    IdentifierMode effective(RegistrationSettings registration) {
        return identifier == null ? registration.identifier() : identifier;
    }
}
