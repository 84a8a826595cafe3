package registration.auth;

import java.util.Optional;
import java.util.Set;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import com.nimbusds.jwt.JWTClaimsSet;

import registration.web.ApiException;

/**
 * Resolves {@link CustomerActor}, {@link RegistrationActor}, {@link AdminActor} and {@link SessionActor}
 * controller parameters from the {@code Authorization: Bearer} JWT. Besides the signature, expiry and kind,
 * the token's credential version must equal the identity's current one, so that a bumped version (log out
 * everywhere, password reset, contact change, confirmed deletion) revokes older tokens at once, everywhere.
 * A {@link Suspension suspended} identity (deletion scheduled) is answered 403 with the suspension's code.
 */
@Component
class ActorArgumentResolver implements HandlerMethodArgumentResolver {

    private static final Set<Class<?>> ACTORS =
            Set.of(CustomerActor.class, RegistrationActor.class, AdminActor.class, SessionActor.class);

    private final Jwts jwts;
    private final AuthIdentities identities;

    ActorArgumentResolver(Jwts jwts, AuthIdentities identities) {
        this.jwts = jwts;
        this.identities = identities;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return ACTORS.contains(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                  WebDataBinderFactory binderFactory) {
        String token = bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
        Class<?> wanted = parameter.getParameterType();
        if (wanted == RegistrationActor.class) {
            if (read(token, TokenKind.LOGIN).isPresent()) {
                // Medusa's answer to a live customer's token; an admin's or a revoked one is simply not valid here.
                authenticate(token, TokenKind.LOGIN, ActorType.CUSTOMER);
                throw ApiException.invalid("Request already authenticated as a customer.");
            }
            var session = authenticate(token, TokenKind.REGISTRATION, ActorType.CUSTOMER);
            return new RegistrationActor(session.identity(), session.provider());
        }
        if (wanted == CustomerActor.class) {
            var session = authenticate(token, TokenKind.LOGIN, ActorType.CUSTOMER);
            return new CustomerActor(session.identity().actorId(), session.identity().id(), session.provider());
        }
        if (wanted == AdminActor.class) {
            var session = authenticate(token, TokenKind.LOGIN, ActorType.USER);
            return new AdminActor(session.identity().actorId(), session.identity().id());
        }
        return read(token, TokenKind.LOGIN).map(claims -> session(claims, null))
                .or(() -> read(token, TokenKind.REGISTRATION).map(claims -> session(claims, null)))
                .orElseThrow(ActorArgumentResolver::unauthorized);
    }

    private SessionActor authenticate(String token, TokenKind kind, ActorType actorType) {
        return read(token, kind).map(claims -> session(claims, actorType)).orElseThrow(ActorArgumentResolver::unauthorized);
    }

    private Optional<JWTClaimsSet> read(String token, TokenKind kind) {
        return token == null ? Optional.empty() : jwts.read(token, kind);
    }

    /** The live identity behind the claims, or 401 when it is gone, revoked, or of another actor type. */
    private SessionActor session(JWTClaimsSet claims, ActorType actorType) {
        try {
            String identityId = claims.getStringClaim("auth_identity_id");
            String actorId = claims.getStringClaim("actor_id");
            Long version = claims.getLongClaim(AuthTokens.CREDENTIAL_VERSION);
            Provider provider = Provider.ofId(claims.getStringClaim("auth_provider"));
            AuthIdentity identity = identityId == null ? null : identities.findById(identityId).orElse(null);
            if (identity == null
                    || (actorType != null && identity.actorType() != actorType)
                    || !identity.actorType().id().equals(claims.getStringClaim("actor_type"))
                    || (actorId != null && !actorId.isEmpty() && !actorId.equals(identity.actorId()))) {
                throw unauthorized();
            }
            // Before the version check: a confirmed deletion revoked every earlier token, yet the customer
            // holding one is told why (403 account_deletion_scheduled) rather than merely refused.
            if (identity.suspension() != null) {
                throw identity.suspension().error();
            }
            if (version == null || identity.credentialVersion() != version) {
                throw unauthorized();
            }
            return new SessionActor(identity, provider);
        } catch (java.text.ParseException | IllegalArgumentException e) {
            throw unauthorized();
        }
    }

    private static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).trim();
    }

    private static ApiException unauthorized() {
        return ApiException.unauthorized("Unauthorized");
    }
}
