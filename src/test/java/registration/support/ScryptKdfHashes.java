package registration.support;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.generators.SCrypt;

/**
 * Makes password hashes in the format Medusa stores (npm {@code scrypt-kdf} 2.0.1: base64 of the 96-byte scrypt
 * header blob), written from the format description rather than from our verifier, so that a test of the
 * verifier checks it against an independent writer. The real package's output is in
 * {@code src/test/resources/medusaimport/scrypt-kdf-vectors.json} ({@code src/test/node}).
 */
public final class ScryptKdfHashes {

    private static final SecureRandom random = new SecureRandom();

    private ScryptKdfHashes() {
    }

    /** Medusa's default parameters are logN 15, r 8, p 1; tests use cheaper ones where the cost does not matter. */
    public static String medusaHash(String password, int logN, int r, int p) {
        try {
            byte[] blob = new byte[96];
            ByteBuffer header = ByteBuffer.wrap(blob);
            header.put("scrypt".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) logN).putInt(r).putInt(p);
            byte[] salt = new byte[32];
            random.nextBytes(salt);
            header.put(salt);
            byte[] checksum = MessageDigest.getInstance("SHA-256").digest(Arrays.copyOfRange(blob, 0, 48));
            System.arraycopy(checksum, 0, blob, 48, 16);
            byte[] key = SCrypt.generate(password.getBytes(StandardCharsets.UTF_8), salt, 1 << logN, r, p, 64);
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(Arrays.copyOfRange(key, 32, 64), "HmacSHA256"));
            hmac.update(blob, 0, 64);
            System.arraycopy(hmac.doFinal(), 0, blob, 64, 32);
            return Base64.getEncoder().encodeToString(blob);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A cheap hash (logN 10, r 8, p 1) for tests that make many. */
    public static String medusaHash(String password) {
        return medusaHash(password, 10, 8, 1);
    }
}
