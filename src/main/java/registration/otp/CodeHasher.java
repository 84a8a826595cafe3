package registration.otp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import registration.auth.Jwts;

/**
 * Codes are stored only as HMAC-SHA256 under a server key (a leaked table does not reveal live codes, and a
 * 6-digit code cannot be brute-forced offline without the key) and compared in constant time.
 */
@Component
class CodeHasher {

    private final SecretKeySpec key;

    CodeHasher(Jwts jwts) {
        this.key = new SecretKeySpec(jwts.deriveKey("otp-code-hmac"), "HmacSHA256");
    }

    /** Codes compare case-insensitively (alphanumeric codes are upper-case). */
    String hash(String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(code.trim().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean matches(String code, String storedHash) {
        return MessageDigest.isEqual(hash(code).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
