package registration.reset;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import registration.auth.AuthIdentity;
import registration.auth.Jwts;
import registration.auth.Provider;
import registration.auth.TokenKind;

/**
 * The emailed reset token: a JWT of kind {@code reset} (no other route accepts it, and it accepts no other
 * kind) naming the identity, the email ({@code entity_id}, as Medusa's reset token does), the credential
 * version it was issued under and the nonce of its request. It lives 15 minutes (SPEC 8a "Times").
 */
@Component
class ResetTokens {

    static final Duration LIFETIME = Duration.ofMinutes(15);

    private final Jwts jwts;
    private final Clock clock;

    ResetTokens(Jwts jwts, Clock clock) {
        this.jwts = jwts;
        this.clock = clock;
    }

    record ResetToken(String authIdentityId, String email, String nonce, long credentialVersion) {
        @Override
        public String toString() {
            return "ResetToken[" + authIdentityId + "]";
        }
    }

    String issue(AuthIdentity identity, String email, String nonce) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("auth_identity_id", identity.id());
        claims.put("actor_type", identity.actorType().id());
        claims.put("provider", Provider.EMAILPASS.id());
        claims.put("entity_id", email);
        claims.put("nonce", nonce);
        claims.put("cv", identity.credentialVersion());
        Instant expiresAt = clock.instant().plus(LIFETIME);
        return jwts.sign(TokenKind.RESET, claims, expiresAt);
    }

    /** The claims of a well-signed, unexpired reset token; empty for anything else (a login token included). */
    Optional<ResetToken> read(String token) {
        return jwts.read(token, TokenKind.RESET).flatMap(claims -> {
            try {
                String identity = claims.getStringClaim("auth_identity_id");
                String email = claims.getStringClaim("entity_id");
                String nonce = claims.getStringClaim("nonce");
                Long version = claims.getLongClaim("cv");
                if (identity == null || email == null || nonce == null || version == null
                        || !Provider.EMAILPASS.id().equals(claims.getStringClaim("provider"))) {
                    return Optional.empty();
                }
                return Optional.of(new ResetToken(identity, email, nonce, version));
            } catch (java.text.ParseException e) {
                return Optional.empty();
            }
        });
    }
}
