package registration.auth;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;

import registration.keys.SigningAlgorithm;

/**
 * The token signing keys (issue 18): every key of the private JWK set at {@code jwt.key-set} and the HS256
 * {@code jwt.secret}, each with a {@code kid} (the key's own, else the start of its RFC 7638 thumbprint). Every key
 * verifies the tokens it signed; exactly one, of {@code jwt.algorithm}, signs ({@code jwt.active-key-id}, or the only
 * key of that algorithm). With no key of the algorithm and nothing configured, an ephemeral one is made with a WARN:
 * outside the embedded H2 database start-up has already been refused (config.ProductionDefaultsCheck).
 */
final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final String PREFIX = "customer-registration.jwt.";

    /** A key: its id, algorithm, signer, verifier and its JWK (private parts included). */
    record Key(String kid, SigningAlgorithm algorithm, JWSSigner signer, JWSVerifier verifier, JWK jwk) {
        @Override
        public String toString() {
            return "Key[kid=" + kid + ", algorithm=" + algorithm + "]";
        }
    }

    private final Map<String, Key> byKid = new LinkedHashMap<>();
    private final Key active;
    private final JWSVerifier legacy;

    SigningKeys(JwtSettings settings) {
        List<JWK> configured = new ArrayList<>();
        if (settings.keySet() != null && !settings.keySet().isBlank()) {
            try {
                configured.addAll(JWKSet.load(new File(settings.keySet().strip())).getKeys());
            } catch (IOException | ParseException e) {
                throw new IllegalStateException(PREFIX + "key-set: cannot read a JWK set from " + settings.keySet()
                        + " (" + e.getMessage() + ")", e);
            }
        }
        byte[] secret = settings.secret() == null || settings.secret().isEmpty() ? null
                : settings.secret().getBytes(StandardCharsets.UTF_8);
        if (secret != null) {
            if (secret.length < 32) {
                throw new IllegalStateException(PREFIX + "secret must be at least 32 bytes long");
            }
            OctetSequenceKey oct = new OctetSequenceKey.Builder(secret).build();
            configured.add(new OctetSequenceKey.Builder(secret).keyID("hs256-" + thumbprint(oct)).build());
        }
        for (JWK jwk : configured) {
            Key key = key(jwk);
            if (byKid.putIfAbsent(key.kid(), key) != null && !(jwk instanceof OctetSequenceKey)) {
                throw new IllegalStateException(PREFIX + "key-set: the kid " + key.kid() + " names two keys");
            }
        }
        this.active = active(settings, configured.isEmpty() || onlySecretUnderAnotherAlgorithm(settings, configured));
        this.legacy = settings.algorithm() == SigningAlgorithm.HS256 && settings.acceptLegacyTokens() && secret != null
                ? macVerifier(secret) : null;
        if (settings.algorithm() == SigningAlgorithm.HS256 && settings.acceptLegacyTokens() && secret == null) {
            log.warn("{}accept-legacy-tokens is on but no {}secret is set: tokens without a kid are refused all the same",
                    PREFIX, PREFIX);
        }
    }

    private static boolean onlySecretUnderAnotherAlgorithm(JwtSettings settings, List<JWK> configured) {
        return settings.algorithm() != SigningAlgorithm.HS256 && (settings.keySet() == null || settings.keySet().isBlank())
                && configured.stream().allMatch(jwk -> jwk instanceof OctetSequenceKey);
    }

    private Key active(JwtSettings settings, boolean nothingForTheAlgorithm) {
        SigningAlgorithm algorithm = settings.algorithm();
        if (settings.activeKeyId() != null && !settings.activeKeyId().isBlank()) {
            Key key = byKid.get(settings.activeKeyId().strip());
            if (key == null || key.algorithm() != algorithm) {
                throw new IllegalStateException(PREFIX + "active-key-id: no " + algorithm + " key with kid "
                        + settings.activeKeyId() + " is configured (known: " + byKid.keySet() + ")");
            }
            return key;
        }
        List<Key> candidates = byKid.values().stream().filter(key -> key.algorithm() == algorithm).toList();
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (candidates.size() > 1) {
            throw new IllegalStateException(PREFIX + "active-key-id must name the signing key: " + candidates.size() + " "
                    + algorithm + " keys are configured (" + candidates.stream().map(Key::kid).toList() + ")");
        }
        if (!nothingForTheAlgorithm) {
            throw new IllegalStateException(PREFIX + "key-set holds no " + algorithm + " key (" + PREFIX + "algorithm="
                    + algorithm + "); add one with `keys generate --alg " + algorithm + "`");
        }
        Key ephemeral = key(algorithm.generate("dev-" + algorithm.newKeyId()));
        byKid.put(ephemeral.kid(), ephemeral);
        log.warn("""

                ****************************************************************************************
                * No customer-registration.jwt signing key configured: using a RANDOM DEV {} KEY.
                * Tokens die when the service restarts. Set CUSTOMER_REGISTRATION_JWT_SECRET (>= 32
                * bytes, HS256) or CUSTOMER_REGISTRATION_JWT_KEY_SET for anything but local development.
                ****************************************************************************************""", algorithm);
        return ephemeral;
    }

    private static Key key(JWK jwk) {
        SigningAlgorithm algorithm = SigningAlgorithm.of(jwk);
        String kid = jwk.getKeyID() != null && !jwk.getKeyID().isBlank() ? jwk.getKeyID() : thumbprint(jwk);
        if (algorithm == null) {
            throw new IllegalStateException(PREFIX + "key-set: key " + kid + " is of no supported kind (HS256 oct, "
                    + "ES256 EC P-256, RS256 RSA, EdDSA OKP Ed25519)");
        }
        if (jwk.getAlgorithm() != null && !jwk.getAlgorithm().equals(algorithm.jws())) {
            throw new IllegalStateException(PREFIX + "key-set: key " + kid + " says alg " + jwk.getAlgorithm()
                    + " but is a " + algorithm + " key");
        }
        if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
            throw new IllegalStateException(PREFIX + "key-set: key " + kid + " is not a signing key (use " + jwk.getKeyUse() + ")");
        }
        if (!jwk.isPrivate()) {
            throw new IllegalStateException(PREFIX + "key-set: key " + kid + " has no private part (the key set is the "
                    + "private one `keys generate` writes; the public keys are published at /.well-known/jwks.json)");
        }
        try {
            return switch (algorithm) {
                case HS256 -> {
                    byte[] secret = jwk.toOctetSequenceKey().toByteArray();
                    if (secret.length < 32) {
                        throw new IllegalStateException(PREFIX + "key-set: HS256 key " + kid + " is shorter than 32 bytes");
                    }
                    yield new Key(kid, algorithm, new MACSigner(secret), macVerifier(secret), jwk);
                }
                case ES256 -> new Key(kid, algorithm, new ECDSASigner(jwk.toECKey()), new ECDSAVerifier(jwk.toECKey().toPublicJWK()), jwk);
                case RS256 -> {
                    RSAKey rsa = jwk.toRSAKey();
                    if (rsa.size() < 2048) {
                        throw new IllegalStateException(PREFIX + "key-set: RSA key " + kid + " is shorter than 2048 bits");
                    }
                    yield new Key(kid, algorithm, new RSASSASigner(rsa), new RSASSAVerifier(rsa.toPublicJWK()), jwk);
                }
                case EdDSA -> new Key(kid, algorithm, Ed25519Jws.signer(jwk.toOctetKeyPair()),
                        Ed25519Jws.verifier(jwk.toOctetKeyPair()), jwk);
            };
        } catch (JOSEException | GeneralSecurityException e) {
            throw new IllegalStateException(PREFIX + "key-set: key " + kid + " cannot be used (" + e.getMessage() + ")", e);
        }
    }

    private static MACVerifier macVerifier(byte[] secret) {
        try {
            var verifier = new MACVerifier(secret);
            // Named once: without a provider, every verification searches the installed providers for HMAC-SHA256.
            verifier.getJCAContext().setProvider(hmacProvider());
            return verifier;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Provider hmacProvider() {
        try {
            return Mac.getInstance("HmacSHA256").getProvider();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String thumbprint(JWK jwk) {
        try {
            return jwk.computeThumbprint().toString().substring(0, 16);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    Key active() {
        return active;
    }

    Optional<Key> byKid(String kid) {
        return Optional.ofNullable(byKid.get(kid));
    }

    Collection<Key> all() {
        return byKid.values();
    }

    /** The verifier of tokens without a kid (issued before the upgrade), when they are accepted; else empty. */
    Optional<JWSVerifier> legacy() {
        return Optional.ofNullable(legacy);
    }

    /**
     * The public keys, each with {@code kid}, {@code alg} and {@code use: sig}: never a private part, never an HS256
     * secret (those verify nothing for anyone who may not also mint tokens).
     */
    JWKSet publicSet() {
        List<JWK> keys = new ArrayList<>();
        for (Key key : byKid.values()) {
            if (!key.algorithm().asymmetric()) {
                continue;
            }
            JWK pub = key.jwk().toPublicJWK();
            keys.add(switch (key.algorithm()) {
                case ES256 -> new ECKey.Builder(pub.toECKey()).keyID(key.kid()).algorithm(key.algorithm().jws()).keyUse(KeyUse.SIGNATURE).build();
                case RS256 -> new RSAKey.Builder(pub.toRSAKey()).keyID(key.kid()).algorithm(key.algorithm().jws()).keyUse(KeyUse.SIGNATURE).build();
                case EdDSA -> new OctetKeyPair.Builder(pub.toOctetKeyPair()).keyID(key.kid()).algorithm(key.algorithm().jws()).keyUse(KeyUse.SIGNATURE).build();
                case HS256 -> throw new IllegalStateException();
            });
        }
        return new JWKSet(keys);
    }
}
