package registration.auth;

import java.util.Optional;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import com.nimbusds.jwt.JWTClaimsSet;

import registration.web.ApiException;

/**
 * Whether a bearer token is good now. Besides the signature, expiry and kind ({@link Jwts}), the identity as
 * stored must still exist, be of the token's actor type and actor, not be {@link Suspension suspended}
 * (403 with the suspension's code), and carry the token's credential version, so that a bumped version (log
 * out everywhere, password reset, contact change, confirmed deletion) revokes older tokens.
 * Every route that takes a token is checked here: through {@link ActorArgumentResolver}, or through
 * {@link #customer} where a route answers with its customer.
 * <p>
 * The identity comes from memory ({@link AuthIdentities#findForTokenCheck}, issue 26): a change is honoured at
 * once on the instance that made it and within {@code token-cache.poll-interval} on the others, or within
 * {@code token-cache.max-staleness} while an instance cannot read the change log (SPEC 11).
 */
@Component
public class TokenCheck {

    private final Jwts jwts;
    private final AuthIdentities identities;

    TokenCheck(Jwts jwts, AuthIdentities identities) {
        this.jwts = jwts;
        this.identities = identities;
    }

    /**
     * The customer behind a customer login token, read by {@code readCustomer} (given the identity's actor id)
     * once the token is checked as every other: 401 when it is invalid, revoked or its customer is gone, 403
     * when the identity is suspended. This is for the hottest read route, {@code GET /store/customers/me},
     * which answers from memory too.
     */
    public <T> T customer(String authorizationHeader, Function<String, Optional<T>> readCustomer) {
        JWTClaimsSet claims = read(bearer(authorizationHeader), TokenKind.LOGIN).orElseThrow(TokenCheck::unauthorized);
        AuthIdentity identity = check(claims, ActorType.CUSTOMER);
        if (identity.actorId() == null) {
            throw unauthorized();
        }
        return readCustomer.apply(identity.actorId()).orElseThrow(TokenCheck::unauthorized);
    }

    /** The claims of a signed, unexpired token of {@code kind}; revocation is not checked yet. */
    Optional<JWTClaimsSet> read(String token, TokenKind kind) {
        return token == null ? Optional.empty() : jwts.read(token, kind);
    }

    /** The live identity behind the claims, or 401 when it is gone, revoked, or not of {@code actorType} (null: any). */
    SessionActor session(JWTClaimsSet claims, ActorType actorType) {
        return new SessionActor(check(claims, actorType), provider(claims));
    }

    private AuthIdentity check(JWTClaimsSet claims, ActorType actorType) {
        try {
            String identityId = claims.getStringClaim("auth_identity_id");
            String actorId = claims.getStringClaim("actor_id");
            Long version = claims.getLongClaim(AuthTokens.CREDENTIAL_VERSION);
            provider(claims); // an unknown provider is no token of ours
            AuthIdentity identity = identityId == null ? null : identities.findForTokenCheck(identityId).orElse(null);
            if (identity == null
                    || (actorType != null && identity.actorType() != actorType)
                    || !identity.actorType().id().equals(claims.getStringClaim("actor_type"))
                    || (actorId != null && !actorId.isEmpty() && !actorId.equals(identity.actorId()))) {
                throw unauthorized();
            }
            // Before the version check: a confirmed deletion revoked every earlier token, yet the customer
            // holding one is told why (403 account_deletion_scheduled) rather than merely refused.
            if (identity.suspension() != null) {
                throw identity.suspension().error(); // blocked: 401 as for a revoked token
            }
            if (version == null || identity.credentialVersion() != version) {
                throw unauthorized();
            }
            return identity;
        } catch (java.text.ParseException | IllegalArgumentException e) {
            throw unauthorized();
        }
    }

    private static Provider provider(JWTClaimsSet claims) {
        try {
            return Provider.ofId(claims.getStringClaim("auth_provider"));
        } catch (java.text.ParseException | IllegalArgumentException e) {
            throw unauthorized();
        }
    }

    static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).trim();
    }

    static ApiException unauthorized() {
        return ApiException.unauthorized("Unauthorized");
    }
}
