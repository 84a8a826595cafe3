package registration.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.ConcurrentLruCache;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signs and reads every token of the service: HS256 only, with a {@code kind} claim. Reading checks the
 * algorithm (so {@code alg: none} or RS/ES tokens are refused), the signature, the expiry and the kind.
 */
@Component
public class Jwts {

    public static final String KIND = "kind";
    private static final int CHECKED_TOKENS = 4096;
    /** Our tokens are about 400 characters; longer strings are checked but never kept, so junk cannot fill memory. */
    private static final int CHECKED_TOKEN_MAX_LENGTH = 1024;
    private static final Logger log = LoggerFactory.getLogger(Jwts.class);

    private final byte[] secret;
    private final JWSSigner signer;
    private final JWSVerifier verifier;
    private final Clock clock;
    /**
     * Tokens already parsed and signature-checked, with their claims (or empty when the check failed). A
     * storefront sends one customer's token on every request, and parsing plus HMAC is most of what reading one
     * costs; a token string verifies the same way every time, so only expiry and kind are checked per read.
     * Revocation is not cached: the resolver checks the identity's credential version in the database.
     */
    private final ConcurrentLruCache<String, Optional<JWTClaimsSet>> checked =
            new ConcurrentLruCache<>(CHECKED_TOKENS, this::parseAndVerify);

    Jwts(JwtSettings settings, AuthSettingsCheck checked, Clock clock) throws JOSEException {
        byte[] secret;
        if (settings.secret() == null || settings.secret().isEmpty()) {
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            log.warn("""

                    ****************************************************************************************
                    * No customer-registration.jwt.secret configured: using a RANDOM DEV SECRET.           *
                    * Tokens die when the service restarts. Set CUSTOMER_REGISTRATION_JWT_SECRET (>= 32    *
                    * bytes) for anything but local development.                                           *
                    ****************************************************************************************""");
        } else {
            secret = settings.secret().getBytes(StandardCharsets.UTF_8);
        }
        this.secret = secret;
        this.signer = new MACSigner(secret);
        this.verifier = new MACVerifier(secret);
        this.clock = clock;
    }

    /**
     * A key for another purpose (e.g. hashing OTP codes) derived from the signing secret with HMAC-SHA256, so
     * that one configured secret protects everything and no two uses share a key.
     */
    public byte[] deriveKey(String label) {
        try {
            var mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs {@code claims} as a token of {@code kind} that expires at {@code expiresAt}; the compact form. */
    public String sign(TokenKind kind, Map<String, Object> claims, Instant expiresAt) {
        var builder = new JWTClaimsSet.Builder()
                .issueTime(Date.from(clock.instant()))
                .expirationTime(Date.from(expiresAt))
                .claim(KIND, kind.claim());
        claims.forEach(builder::claim);
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), builder.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a token", e);
        }
        return jwt.serialize();
    }

    /** The claims of a well-signed, unexpired token of {@code kind}; empty for anything else. */
    public Optional<JWTClaimsSet> read(String token, TokenKind kind) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        var claims = token.length() <= CHECKED_TOKEN_MAX_LENGTH ? checked.get(token) : parseAndVerify(token);
        return claims.filter(c -> isLive(c) && kind.claim().equals(c.getClaim(KIND)));
    }

    private boolean isLive(JWTClaimsSet claims) {
        Date expires = claims.getExpirationTime();
        return expires != null && expires.toInstant().isAfter(clock.instant());
    }

    /** The claims when the token is an HS256 JWS with our signature; empty for anything else. */
    private Optional<JWTClaimsSet> parseAndVerify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            return Optional.of(jwt.getJWTClaimsSet());
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
