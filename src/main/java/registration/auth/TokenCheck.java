package registration.auth;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import com.nimbusds.jwt.JWTClaimsSet;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
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
    private final AuthSessions sessions;
    private final SessionSettings sessionSettings;
    private final Clock clock;

    TokenCheck(Jwts jwts, AuthIdentities identities, AuthSessions sessions, SessionSettings sessionSettings, Clock clock) {
        this.jwts = jwts;
        this.identities = identities;
        this.sessions = sessions;
        this.sessionSettings = sessionSettings;
        this.clock = clock;
    }

    /**
     * {@link #customer(String, Function)} for a request that carries a bearer token or, without one, the session
     * cookie of the SDK's session mode ({@code POST /auth/session}). Only for safe (read) routes: a
     * state-changing route takes a {@link CustomerActor}, whose resolver applies the cookie's CSRF rule.
     */
    public <T> T customer(HttpServletRequest request, Function<String, Optional<T>> readCustomer) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (bearer(header) == null) {
            Optional<AuthSession> cookie = cookieSession(request);
            if (cookie.isPresent()) {
                AuthIdentity identity = session(cookie.get(), ActorType.CUSTOMER).identity();
                if (identity.actorId() == null) {
                    throw unauthorized();
                }
                return readCustomer.apply(identity.actorId()).orElseThrow(TokenCheck::unauthorized);
            }
        }
        return customer(header, readCustomer);
    }

    /** The session cookie's value, if the request has one. */
    String cookieValue(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                // A value of another shape is no cookie of ours: not worth a hash and a lookup.
                if (sessionSettings.cookieName().equals(cookie.getName()) && cookie.getValue() != null
                        && cookie.getValue().length() == 43) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    /** The unexpired session the request's cookie names (not yet checked against its identity), if any. */
    Optional<AuthSession> cookieSession(HttpServletRequest request) {
        String value = cookieValue(request);
        if (value == null) {
            return Optional.empty();
        }
        return sessions.find(AuthSessions.idOf(value)).filter(session -> session.expiresAt().isAfter(clock.instant()));
    }

    /**
     * A cookie session checked as a token is: its identity must exist, be of {@code actorType} (null: any), not be
     * suspended (403) and still have the session's credential version (else 401).
     */
    SessionActor session(AuthSession session, ActorType actorType) {
        AuthIdentity identity = identities.findForTokenCheck(session.authIdentityId()).orElse(null);
        if (identity == null || (actorType != null && identity.actorType() != actorType)) {
            throw unauthorized();
        }
        if (identity.suspension() != null) {
            throw identity.suspension().error();
        }
        if (identity.credentialVersion() != session.credentialVersion()) {
            throw unauthorized();
        }
        return new SessionActor(identity, session.provider(), session.id());
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
