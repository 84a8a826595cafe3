package registration.keys;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under one key, with one initialised {@link Mac} per thread: looking the algorithm up in the JCA
 * providers and keying a new {@code Mac} on every call was a measurable share of a write request's CPU (code hashes,
 * send-budget keys and webhook signatures each take one or more per request).
 */
public final class HmacSha256 {

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public HmacSha256(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The MAC of {@code data}; the thread's instance is left reset for the next call. */
    public byte[] mac(byte[] data) {
        return macs.get().doFinal(data);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("Not a usable HMAC key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "HmacSha256[key=<hidden>]";
    }
}
