package registration.auth;

import org.springframework.stereotype.Service;

/** Token refresh and log-out-everywhere. */
@Service
class SessionService {

    private final AuthIdentities identities;
    private final AuthTokens tokens;
    private final VerificationGate verification;

    SessionService(AuthIdentities identities, AuthTokens tokens, VerificationGate verification) {
        this.identities = identities;
        this.tokens = tokens;
        this.verification = verification;
    }

    /**
     * Re-issues the token from the identity as it is now: a registration token whose identity got its
     * customer meanwhile comes back as a customer login token (Medusa storefronts refresh right after
     * {@code POST /store/customers}) — once its identifier is verified when verification is required.
     */
    String refresh(SessionActor session) {
        verification.check(session.identity(), session.provider());
        return tokens.issue(session.identity(), session.provider());
    }

    /** Bumps the credential version: every token issued so far is refused, on every instance. */
    void logOutEverywhere(SessionActor session) {
        identities.bumpCredentialVersion(session.identity().id());
    }
}
