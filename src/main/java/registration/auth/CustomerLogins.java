package registration.auth;

import java.util.Optional;

import org.springframework.stereotype.Component;

import registration.identifier.IdentifierMode;

/**
 * Which login a customer may use, for features that hand out a login token without a password (OTP
 * verification right after sign-up): a provider counts only when {@code login.identifier} accepts it and
 * the customer's auth identity has a login by it.
 */
@Component
public class CustomerLogins {

    private final AuthIdentities identities;
    private final AuthTokens tokens;
    private final IdentifierMode loginMode;

    CustomerLogins(AuthIdentities identities, AuthTokens tokens, RegistrationSettings registration, LoginSettings login) {
        this.identities = identities;
        this.tokens = tokens;
        this.loginMode = login.effective(registration);
    }

    /** The effective {@code login.identifier}. */
    IdentifierMode mode() {
        return loginMode;
    }

    /** Whether {@code login.identifier} accepts logins by {@code provider}. */
    public boolean accepts(Provider provider) {
        return loginMode.allows(provider.identifier());
    }

    /**
     * A customer login token by {@code provider}, or empty when that login is not accepted, not the customer's,
     * or the account is suspended (deletion scheduled).
     */
    public Optional<String> issue(String customerId, Provider provider) {
        if (!accepts(provider)) {
            return Optional.empty();
        }
        return identities.findByActor(ActorType.CUSTOMER, customerId)
                .filter(identity -> identity.suspension() == null)
                .filter(identity -> identities.findEntityId(identity.id(), provider).isPresent())
                .map(identity -> tokens.issue(identity, provider));
    }
}
