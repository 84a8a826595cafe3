package registration.auth;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Issues login and registration JWTs with the payload Medusa 2.x issues ({@code actor_id}, {@code actor_type},
 * {@code auth_identity_id}, {@code auth_provider}, {@code app_metadata}, {@code user_metadata}) plus our
 * {@code kind} and credential version {@code cv}.
 */
@Component
public class AuthTokens {

    static final String CREDENTIAL_VERSION = "cv";

    private final Jwts jwts;
    private final JwtSettings settings;
    private final Clock clock;

    AuthTokens(Jwts jwts, JwtSettings settings, Clock clock) {
        this.jwts = jwts;
        this.settings = settings;
        this.clock = clock;
    }

    /** A login token when the identity has its actor, else a registration token ({@code actor_id: ""}). */
    public String issue(AuthIdentity identity, Provider provider) {
        boolean linked = identity.actorId() != null;
        Map<String, Object> appMetadata = new LinkedHashMap<>();
        if (linked) {
            appMetadata.put(identity.actorType() == ActorType.USER ? "user_id" : "customer_id", identity.actorId());
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("actor_id", linked ? identity.actorId() : "");
        claims.put("actor_type", identity.actorType().id());
        claims.put("auth_identity_id", identity.id());
        claims.put("auth_provider", provider.id());
        claims.put("app_metadata", appMetadata);
        claims.put("user_metadata", Map.of());
        claims.put(CREDENTIAL_VERSION, identity.credentialVersion());
        return jwts.sign(linked ? TokenKind.LOGIN : TokenKind.REGISTRATION, claims,
                clock.instant().plus(settings.expiresIn()));
    }
}
