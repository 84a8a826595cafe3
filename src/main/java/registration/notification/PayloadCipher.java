package registration.notification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import registration.keys.ServiceKeys;

/**
 * Encrypts outbox payloads (AES-256-GCM, key derived from the master {@code secret-key}): a queued message may carry
 * a live code, and codes never rest in the database in plain text. Each row records the id of the key that sealed
 * it, so messages queued before the master was rotated are still delivered (issue 18).
 */
@Component
class PayloadCipher {

    private static final int IV_BYTES = 12;
    static final String PURPOSE = "outbox-payload-aes";
    private final ServiceKeys keys;
    private final String keyId;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();
    /**
     * One Cipher per thread, re-initialised with a fresh IV for every message: looking the algorithm up among
     * the security providers cost more than encrypting a short message.
     */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    PayloadCipher(ServiceKeys keys) {
        this.keys = keys;
        this.keyId = keys.currentId();
        this.key = new SecretKeySpec(keys.current(PURPOSE).bytes(), "AES");
    }

    /** The id of the key {@link #encrypt} seals with, recorded in the row. */
    String keyId() {
        return keyId;
    }

    String encrypt(String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @param keyId the key id the row recorded (null: sealed before issue 18, with the legacy key) */
    String decrypt(String sealed, String keyId) {
        SecretKeySpec keyOfRow = keyId != null && keyId.equals(this.keyId) ? key
                : keys.find(PURPOSE, keyId).map(k -> new SecretKeySpec(k.bytes(), "AES")).orElseThrow(
                        () -> new IllegalStateException("Outbox payload sealed under key " + (keyId == null ? "legacy" : keyId)
                                + ", which is no longer configured"));
        try {
            byte[] in = Base64.getDecoder().decode(sealed);
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, keyOfRow, new GCMParameterSpec(128, in, 0, IV_BYTES));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Outbox payload cannot be decrypted (was the secret changed?)", e);
        }
    }
}
