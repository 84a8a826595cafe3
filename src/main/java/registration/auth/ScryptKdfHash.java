package registration.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.generators.SCrypt;

/**
 * A password hash imported from Medusa ({@code @medusajs/auth-emailpass}, which uses the npm package
 * {@code scrypt-kdf}): a 96-byte blob in Colin Percival's scrypt header format, stored here as
 * {@value #PREFIX}{@code <base64 of the blob>} so that {@link Passwords} can tell it from an Argon2id hash.
 * <pre>
 *  0–5 "scrypt" | 6 version 0 | 7 logN | 8–11 r (BE) | 12–15 p (BE) | 16–47 salt
 *  48–63 first 16 bytes of SHA-256(0–47) | 64–95 HMAC-SHA256(0–63) keyed with bytes 32–63 of scrypt(password, salt, N, r, p, 64)
 * </pre>
 * The parameters come from the blob, so a store that configured its own {@code hashConfig} still verifies; they
 * are bounded at {@link #parse} so that no stored hash can make a login spend unbounded memory or time.
 * Bouncy Castle computes scrypt; checksum and HMAC are compared in constant time.
 */
public final class ScryptKdfHash {

    /** How an imported Medusa hash is stored in {@code provider_identity.password_hash}. */
    public static final String PREFIX = "$scrypt-kdf$";

    private static final byte[] MAGIC = "scrypt".getBytes(StandardCharsets.US_ASCII);
    private static final int BLOB_BYTES = 96;
    // scrypt needs 128 * r * N bytes and time in proportion to N * r * p: Medusa's default (logN 15, r 8, p 1) is
    // 32 MiB (its time: bench/README.md). A hash needing over 128 MiB or 16 times the default work is refused at import
    // rather than let one login take the server's memory or seconds of a hashing thread.
    private static final long MAX_MEMORY_BYTES = 128L * 1024 * 1024;
    private static final long MAX_WORK = 16L * (1 << 15) * 8;
    private static final int MAX_P = 16;

    private final byte[] blob;
    private final int logN;
    private final int r;
    private final int p;

    private ScryptKdfHash(byte[] blob, int logN, int r, int p) {
        this.blob = blob;
        this.logN = logN;
        this.r = r;
        this.p = p;
    }

    /**
     * Reads the base64 text Medusa keeps in {@code provider_metadata.password}.
     *
     * @throws IllegalArgumentException saying what is wrong (not base64, wrong length or header, bad checksum,
     *                                  parameters out of bounds) — without the hash in the message
     */
    public static ScryptKdfHash parse(String medusaBase64) {
        if (medusaBase64 == null || medusaBase64.isBlank()) {
            throw new IllegalArgumentException("no password hash");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(medusaBase64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("password hash is not base64");
        }
        if (blob.length != BLOB_BYTES || !Arrays.equals(blob, 0, 6, MAGIC, 0, 6)) {
            throw new IllegalArgumentException("password hash is not a scrypt-kdf blob (96 bytes starting with 'scrypt')");
        }
        if (blob[6] != 0) {
            throw new IllegalArgumentException("unknown scrypt-kdf version " + blob[6]);
        }
        ByteBuffer header = ByteBuffer.wrap(blob);
        int logN = blob[7] & 0xff;
        long r = Integer.toUnsignedLong(header.getInt(8));
        long p = Integer.toUnsignedLong(header.getInt(12));
        if (logN < 1 || logN > 30 || r < 1 || p < 1 || p > MAX_P || 128L * r * (1L << logN) > MAX_MEMORY_BYTES
                || (1L << logN) * r * p > MAX_WORK) {
            throw new IllegalArgumentException("scrypt parameters out of bounds (logN=" + logN + ", r=" + r + ", p=" + p + ")");
        }
        if (!MessageDigest.isEqual(Arrays.copyOfRange(sha256(blob, 48), 0, 16), Arrays.copyOfRange(blob, 48, 64))) {
            throw new IllegalArgumentException("scrypt-kdf header checksum does not match");
        }
        return new ScryptKdfHash(blob, logN, (int) r, (int) p);
    }

    /** {@link #parse} of a stored {@value #PREFIX} hash. */
    static ScryptKdfHash ofStored(String stored) {
        return parse(stored.substring(PREFIX.length()));
    }

    static boolean isStored(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** The text to store in {@code provider_identity.password_hash}. */
    public String stored() {
        return PREFIX + Base64.getEncoder().encodeToString(blob);
    }

    /** Whether {@code password} (as UTF-8, as scrypt-kdf reads a JavaScript string) is the one hashed. */
    boolean matches(CharSequence password) {
        byte[] utf8 = password.toString().getBytes(StandardCharsets.UTF_8);
        byte[] key = SCrypt.generate(utf8, Arrays.copyOfRange(blob, 16, 48), 1 << logN, r, p, 64);
        Arrays.fill(utf8, (byte) 0);
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            // scrypt-kdf keys the HMAC with the second half of the derived key (its comment says the first).
            hmac.init(new SecretKeySpec(key, 32, 32, "HmacSHA256"));
            hmac.update(blob, 0, 64);
            return MessageDigest.isEqual(hmac.doFinal(), Arrays.copyOfRange(blob, 64, 96));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] sha256(byte[] bytes, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, 0, length);
            return digest.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "ScryptKdfHash[logN=" + logN + ", r=" + r + ", p=" + p + "]"; // never the salt or the MAC
    }
}
