package registration.keys;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;

/**
 * The algorithms tokens can be signed with ({@code customer-registration.jwt.algorithm}): HS256 (shared secret,
 * Medusa-compatible), ES256 (P-256), RS256 (RSA 2048+) and EdDSA (Ed25519, through the JDK's own implementation).
 */
public enum SigningAlgorithm {
    HS256(JWSAlgorithm.HS256), ES256(JWSAlgorithm.ES256), RS256(JWSAlgorithm.RS256), EdDSA(JWSAlgorithm.EdDSA);

    private final JWSAlgorithm jws;

    SigningAlgorithm(JWSAlgorithm jws) {
        this.jws = jws;
    }

    public JWSAlgorithm jws() {
        return jws;
    }

    /** Whether a token signed with this algorithm can be checked with a public key (and so is published). */
    public boolean asymmetric() {
        return this != HS256;
    }

    /** The algorithm a key is for, by its type and curve; null for a key of no supported kind. */
    public static SigningAlgorithm of(JWK key) {
        if (key instanceof OctetSequenceKey) {
            return HS256;
        }
        if (key instanceof ECKey ec) {
            return Curve.P_256.equals(ec.getCurve()) ? ES256 : null;
        }
        if (key instanceof RSAKey) {
            return RS256;
        }
        if (key instanceof OctetKeyPair okp) {
            return Curve.Ed25519.equals(okp.getCurve()) ? EdDSA : null;
        }
        return null;
    }

    /** A new private key of this algorithm, with {@code kid}, {@code alg} and {@code use: sig}. */
    public JWK generate(String kid) {
        try {
            return switch (this) {
                case HS256 -> new OctetSequenceKeyGenerator(256).keyID(kid).algorithm(jws).keyUse(KeyUse.SIGNATURE).generate();
                case ES256 -> new ECKeyGenerator(Curve.P_256).keyID(kid).algorithm(jws).keyUse(KeyUse.SIGNATURE).generate();
                case RS256 -> new RSAKeyGenerator(2048).keyID(kid).algorithm(jws).keyUse(KeyUse.SIGNATURE).generate();
                case EdDSA -> ed25519(kid);
            };
        } catch (JOSEException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate a " + name() + " key", e);
        }
    }

    /** A kid that tells operators what and when: {@code es256-20261203-1a2b3c4d}. */
    public String newKeyId() {
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        return name().toLowerCase() + "-" + LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE)
                + "-" + HexFormat.of().formatHex(random);
    }

    /** Ed25519 from the JDK: the raw keys are the last 32 bytes of the PKCS#8 and X.509 encodings. */
    private JWK ed25519(String kid) throws GeneralSecurityException {
        var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] priv = pair.getPrivate().getEncoded();
        byte[] pub = pair.getPublic().getEncoded();
        return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(Arrays.copyOfRange(pub, pub.length - 32, pub.length)))
                .d(Base64URL.encode(Arrays.copyOfRange(priv, priv.length - 32, priv.length)))
                .keyID(kid).algorithm(jws).keyUse(KeyUse.SIGNATURE).build();
    }
}
