package registration.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObject;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.util.Base64URL;
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
    /** The header of every token this service signs. Reading a token that carries exactly it skips parsing it. */
    private static final JWSHeader ISSUED_HEADER = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build();
    private static final String ISSUED_HEADER_SEGMENT = ISSUED_HEADER.toBase64URL().toString();

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
        var verifier = new MACVerifier(secret);
        // Named once: without a provider, every verification searches the installed providers for HMAC-SHA256.
        verifier.getJCAContext().setProvider(hmacProvider());
        this.verifier = verifier;
        this.clock = clock;
    }

    /**
     * A key for another purpose (e.g. hashing OTP codes) derived from the signing secret with HMAC-SHA256, so
     * that one configured secret protects everything and no two uses share a key.
     */
    public byte[] deriveKey(String label) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
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
        var jwt = new SignedJWT(ISSUED_HEADER, builder.build());
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
            // Nimbus splits the token and verifies the signature; the header is parsed only when it is not the one
            // this service writes (parsing it was a quarter of reading a token), and the payload is decoded by the JDK's
            // intrinsic Base64 decoder (Nimbus's own, which getJWTClaimsSet() uses, took a third).
            Base64URL[] parts = JOSEObject.split(token);
            if (parts.length != 3) {
                return Optional.empty();
            }
            JWSHeader header = ISSUED_HEADER_SEGMENT.equals(parts[0].toString()) ? ISSUED_HEADER : JWSHeader.parse(parts[0]);
            byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
            if (!JWSAlgorithm.HS256.equals(header.getAlgorithm()) || !verifier.verify(header, signingInput, parts[2])) {
                return Optional.empty();
            }
            JWTClaimsSet claims = JWTClaimsSet.parse(
                    new String(Base64.getUrlDecoder().decode(parts[1].toString()), StandardCharsets.UTF_8));
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

    private static Provider hmacProvider() {
        try {
            return Mac.getInstance("HmacSHA256").getProvider();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
