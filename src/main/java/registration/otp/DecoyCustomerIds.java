package registration.otp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import com.github.f4b6a3.ulid.Ulid;

import registration.auth.Jwts;

/**
 * The customer id a decoy OTP token names for an address that has no account: {@code cus_<ULID>} like a real
 * one, derived from the address with a server key, so that asking twice shows the same id (as a real account
 * would) and nobody without the key can tell it from a real one. Its time part falls in 2024–2025, when a
 * real customer could have signed up, rather than "just now", which would give it away.
 */
@Component
class DecoyCustomerIds {

    private static final Instant EARLIEST = Instant.parse("2024-01-01T00:00:00Z");
    private static final long SPAN_MILLIS = Duration.ofDays(730).toMillis();

    private final byte[] key;

    DecoyCustomerIds(Jwts jwts) {
        this.key = jwts.deriveKey("decoy-customer-id");
    }

    String of(String identifier) {
        byte[] digest = hmac(identifier);
        long time = EARLIEST.toEpochMilli() + Math.floorMod(ByteBuffer.wrap(digest, 0, 8).getLong(), SPAN_MILLIS);
        return "cus_" + new Ulid(time, Arrays.copyOfRange(digest, 8, 18));
    }

    private byte[] hmac(String identifier) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(identifier.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
