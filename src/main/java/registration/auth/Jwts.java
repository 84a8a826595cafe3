package registration.auth;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObject;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import registration.config.PublicUrlSettings;
import registration.keys.SigningAlgorithm;

/**
 * Signs and reads every token of the service (issue 18). A token is signed by the active {@link SigningKeys key}
 * and carries its {@code kid}, a {@code typ}, {@code iss} (and {@code aud} when configured), {@code iat}, {@code exp}
 * and our {@code kind}. Only login tokens have {@code typ: JWT}, what a standard resource server accepts; the other
 * kinds say {@code registration+jwt}, {@code otp+jwt} or {@code reset+jwt}, so such a server refuses them (ours
 * refuses them on the wrong route by their {@code kind} as ever). Reading finds the key by {@code kid} and checks
 * the algorithm is that key's (so {@code alg: none} or an HS256 token made with a published key is refused), the
 * signature, the expiry, the kind, the {@code typ}, the issuer and the audience. A token without {@code kid} (issued
 * before the upgrade, or by a Medusa backend sharing the secret) is read only under HS256 with
 * {@code jwt.accept-legacy-tokens}, with {@code jwt.secret}; it may then lack {@code iss} (SPEC 11 "Keys and upgrade").
 */
@Component
public class Jwts {

    public static final String KIND = "kind";

    private static final ObjectReader CLAIMS = JsonMapper.shared().readerFor(Map.class);

    private final SigningKeys keys;
    private final String issuer;
    private final String audience;
    private final Clock clock;
    /** The header of every token this service signs, per key and kind. Reading a token that carries one skips parsing it. */
    private final Map<String, Known> knownHeaders = new HashMap<>();
    private final Map<TokenKind, JWSHeader> signingHeaders = new HashMap<>();

    private record Known(JWSHeader header, SigningKeys.Key key) {
    }

    Jwts(JwtSettings settings, PublicUrlSettings publicUrl, Clock clock) {
        this.keys = new SigningKeys(settings);
        this.issuer = settings.issuer() != null && !settings.issuer().isBlank() ? settings.issuer().strip() : publicUrl.base();
        this.audience = settings.audience() == null || settings.audience().isBlank() ? null : settings.audience().strip();
        this.clock = clock;
        for (SigningKeys.Key key : keys.all()) {
            for (TokenKind kind : TokenKind.values()) {
                JWSHeader header = header(key, kind);
                knownHeaders.put(header.toBase64URL().toString(), new Known(header, key));
                if (key == keys.active()) {
                    signingHeaders.put(kind, header);
                }
            }
        }
    }

    private static JWSHeader header(SigningKeys.Key key, TokenKind kind) {
        return new JWSHeader.Builder(key.algorithm().jws()).type(type(kind)).keyID(key.kid()).build();
    }

    /** {@code JWT} for a login token, {@code <kind>+jwt} for the others (RFC 8725 3.11: explicit typing). */
    static JOSEObjectType type(TokenKind kind) {
        return kind == TokenKind.LOGIN ? JOSEObjectType.JWT : new JOSEObjectType(kind.claim() + "+jwt");
    }

    /** The {@code iss} of every token. */
    public String issuer() {
        return issuer;
    }

    /** The public keys other services verify login tokens with ({@code GET /.well-known/jwks.json}). */
    JWKSet publicKeys() {
        return keys.publicSet();
    }

    /** Signs {@code claims} as a token of {@code kind} that expires at {@code expiresAt}; the compact form. */
    public String sign(TokenKind kind, Map<String, Object> claims, Instant expiresAt) {
        var builder = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .issueTime(Date.from(clock.instant()))
                .expirationTime(Date.from(expiresAt))
                .claim(KIND, kind.claim());
        if (audience != null) {
            builder.audience(audience);
        }
        claims.forEach(builder::claim);
        var jwt = new SignedJWT(signingHeaders.get(kind), builder.build());
        try {
            jwt.sign(keys.active().signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a token", e);
        }
        return jwt.serialize();
    }

    /** The claims of a well-signed, unexpired token of {@code kind} from this issuer; empty for anything else. */
    public Optional<JWTClaimsSet> read(String token, TokenKind kind) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            // Nimbus splits the token and verifies the signature; the header is parsed only when it is not one this
            // service writes (parsing it was a quarter of reading a token), and the payload is decoded by the JDK's
            // intrinsic Base64 decoder (Nimbus's own, which getJWTClaimsSet() uses, took a third).
            Base64URL[] parts = JOSEObject.split(token);
            if (parts.length != 3) {
                return Optional.empty();
            }
            Known known = knownHeaders.get(parts[0].toString());
            JWSHeader header = known != null ? known.header() : JWSHeader.parse(parts[0]);
            SigningKeys.Key key = known != null ? known.key()
                    : header.getKeyID() == null ? null : keys.byKid(header.getKeyID()).orElse(null);
            boolean legacy = header.getKeyID() == null;
            JWSVerifier verifier;
            JWSAlgorithm algorithm;
            if (key != null) {
                verifier = key.verifier();
                algorithm = key.algorithm().jws();
            } else if (legacy && keys.legacy().isPresent()) {
                verifier = keys.legacy().get();
                algorithm = SigningAlgorithm.HS256.jws();
            } else {
                return Optional.empty();
            }
            byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
            if (!algorithm.equals(header.getAlgorithm()) || !verifier.verify(header, signingInput, parts[2])) {
                return Optional.empty();
            }
            // Jackson reads the claims: Nimbus's bundled Gson built a type token per call and took 40 % of a read.
            JWTClaimsSet claims = JWTClaimsSet.parse(CLAIMS.<Map<String, Object>>readValue(
                    Base64.getUrlDecoder().decode(parts[1].toString())));
            Date expires = claims.getExpirationTime();
            if (expires == null || !expires.toInstant().isAfter(clock.instant())
                    || !kind.claim().equals(claims.getStringClaim(KIND))
                    || !legacy && !type(kind).equals(header.getType())
                    || !issuerAccepted(claims.getIssuer(), legacy)
                    || !audienceAccepted(claims.getAudience(), legacy && claims.getIssuer() == null)) {
                return Optional.empty();
            }
            return Optional.of(claims);
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Ours, or missing on a legacy token (only read at all while legacy tokens are accepted). */
    private boolean issuerAccepted(String tokenIssuer, boolean legacy) {
        return tokenIssuer == null ? legacy : tokenIssuer.equals(issuer);
    }

    private boolean audienceAccepted(List<String> tokenAudience, boolean legacyWithoutIssuer) {
        return audience == null || legacyWithoutIssuer || tokenAudience != null && tokenAudience.contains(audience);
    }
}
