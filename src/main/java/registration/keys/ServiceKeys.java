package registration.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The per-purpose keys of the service (see the package doc). A key for purpose {@code p} under master {@code m} is
 * HKDF-SHA256(salt "customer-registration", ikm m, info p), 32 bytes; the master's id is {@code k} and 10 hex
 * digits of HKDF(m, "key-id"), so every instance configured with the same master agrees on it without a table.
 * <p>
 * {@link #current} makes new rows; {@link #find} reads a row by the id it recorded (null: the legacy key);
 * {@link #all} lists every key a lookup by keyed hash must try, current first.
 */
@Component
public class ServiceKeys {

    private static final Logger log = LoggerFactory.getLogger(ServiceKeys.class);
    private static final byte[] SALT = "customer-registration".getBytes(StandardCharsets.UTF_8);
    static final int MIN_SECRET_BYTES = 32;
    /** Labels of the derived webhook secrets (used when no per-endpoint secret is configured, SPEC 11 "Webhooks"). */
    public static final String WEBHOOK_SMS = "webhook-sms", WEBHOOK_EVENTS = "webhook-events";

    /** Masters by id, the current one first. */
    private final Map<String, byte[]> masters = new LinkedHashMap<>();
    private final String currentId;
    private final byte[] legacySecret;

    @Autowired
    ServiceKeys(ServiceKeySettings settings) {
        this(settings.secretKey(), settings.previousSecretKeys(), settings.jwt().secret(), true);
    }

    /**
     * Keys from these masters, outside Spring (the {@code keys} command).
     *
     * @param allowEphemeral whether a missing secret-key means a random one (the service on the embedded H2 database;
     *                       config.ProductionDefaultsCheck refuses to start elsewhere before this is built)
     */
    public static ServiceKeys of(String secretKey, List<String> previousSecretKeys, String legacyJwtSecret,
                                 boolean allowEphemeral) {
        return new ServiceKeys(secretKey, previousSecretKeys, legacyJwtSecret, allowEphemeral);
    }

    private ServiceKeys(String secretKey, List<String> previousSecretKeys, String legacyJwtSecret, boolean allowEphemeral) {
        byte[] current;
        if (secretKey == null || secretKey.isBlank()) {
            if (!allowEphemeral) {
                throw new IllegalStateException("customer-registration.secret-key must be set (at least 32 bytes)");
            }
            current = new byte[32];
            new SecureRandom().nextBytes(current);
            log.warn("""

                    ****************************************************************************************
                    * No customer-registration.secret-key configured: using a RANDOM DEV SECRET KEY.       *
                    * Pending codes and queued messages die when the service restarts. Set                 *
                    * CUSTOMER_REGISTRATION_SECRET_KEY (>= 32 bytes) for anything but local development.   *
                    ****************************************************************************************""");
        } else {
            current = master("customer-registration.secret-key", secretKey);
        }
        this.currentId = keyId(current);
        masters.put(currentId, current);
        for (int i = 0; i < previousSecretKeys.size(); i++) {
            byte[] previous = master("customer-registration.previous-secret-keys[" + i + "]", previousSecretKeys.get(i));
            masters.putIfAbsent(keyId(previous), previous);
        }
        this.legacySecret = legacyJwtSecret == null || legacyJwtSecret.isEmpty()
                ? null : legacyJwtSecret.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] master(String key, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException(key + " must be at least " + MIN_SECRET_BYTES + " bytes long");
        }
        return bytes;
    }

    /** The id of the current master, recorded in the rows its keys make. */
    public String currentId() {
        return currentId;
    }

    /** The key that makes new rows (hashes, ciphertexts, signatures) for {@code purpose}. */
    public ServiceKey current(String purpose) {
        return new ServiceKey(currentId, hkdf(masters.get(currentId), purpose));
    }

    /**
     * The key a row that recorded {@code keyId} was made with: a current or previous master's, or for a null id
     * the legacy key (derived from the old {@code jwt.secret} as before the upgrade). Empty when that key is gone.
     */
    public Optional<ServiceKey> find(String purpose, String keyId) {
        if (keyId == null) {
            return legacy(purpose);
        }
        byte[] master = masters.get(keyId);
        return master == null ? Optional.empty() : Optional.of(new ServiceKey(keyId, hkdf(master, purpose)));
    }

    /** Every key of {@code purpose}: current, then previous masters', then the legacy key if there is one. */
    public List<ServiceKey> all(String purpose) {
        List<ServiceKey> keys = new ArrayList<>();
        masters.forEach((id, master) -> keys.add(new ServiceKey(id, hkdf(master, purpose))));
        legacy(purpose).ifPresent(keys::add);
        return keys;
    }

    /** The derived secret of a webhook as a receiver configures it: {@code whsec_} and the base64 of the current key. */
    public String webhookSecret(String purpose) {
        return "whsec_" + java.util.Base64.getEncoder().encodeToString(current(purpose).bytes());
    }

    /** The keys of the configured masters only (no legacy key): for signatures made now, e.g. of webhooks. */
    public List<ServiceKey> signing(String purpose) {
        return all(purpose).stream().filter(key -> !key.legacy()).toList();
    }

    /**
     * The legacy key: HMAC-SHA256(jwt.secret, purpose), byte for byte what {@code Jwts.deriveKey} returned before
     * issue 18, so rows written then stay readable (verify and decrypt only: nothing new is made with it).
     */
    private Optional<ServiceKey> legacy(String purpose) {
        if (legacySecret == null) {
            return Optional.empty();
        }
        return Optional.of(new ServiceKey(null, hmac(legacySecret, purpose.getBytes(StandardCharsets.UTF_8))));
    }

    static String keyId(byte[] master) {
        return "k" + HexFormat.of().formatHex(hkdf(master, "key-id")).substring(0, 10);
    }

    /** HKDF-SHA256 (RFC 5869) with a fixed salt, one 32-byte block of output. */
    static byte[] hkdf(byte[] master, String info) {
        byte[] prk = hmac(SALT, master);
        byte[] infoBytes = info.getBytes(StandardCharsets.UTF_8);
        byte[] block = Arrays.copyOf(infoBytes, infoBytes.length + 1);
        block[infoBytes.length] = 1;
        return hmac(prk, block);
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
