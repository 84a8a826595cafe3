package registration.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

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
    private static final Logger log = LoggerFactory.getLogger(Jwts.class);

    private final byte[] secret;
    private final JWSSigner signer;
    private final JWSVerifier verifier;
    private final Clock clock;

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
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            // The claims as Nimbus parses them, from the payload as the JDK decodes it: Nimbus's own Base64 decoder
            // (what getJWTClaimsSet() uses) took a third of reading a token, the JDK's intrinsic one a fraction.
            JWTClaimsSet claims = JWTClaimsSet.parse(new String(
                    Base64.getUrlDecoder().decode(jwt.getParsedParts()[1].toString()), StandardCharsets.UTF_8));
            Date expires = claims.getExpirationTime();
            if (expires == null || !expires.toInstant().isAfter(clock.instant())
                    || !kind.claim().equals(claims.getStringClaim(KIND))) {
                return Optional.empty();
            }
            return Optional.of(claims);
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
