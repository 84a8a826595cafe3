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
 * 6-digit code cannot be brute-forced offline without the key) and compared in constant time. The same
 * holds for the two other keyed hashes of a code's row, each under a key of its own: the subject of an
 * identifier ({@link #identifierSubject}) and the new value a contact-change code binds ({@link #bindValue}).
 */
@Component
class CodeHasher {

    private final SecretKeySpec key;
    private final SecretKeySpec identifierKey;
    private final SecretKeySpec valueKey;

    CodeHasher(Jwts jwts) {
        this.key = new SecretKeySpec(jwts.deriveKey("otp-code-hmac"), "HmacSHA256");
        this.identifierKey = new SecretKeySpec(jwts.deriveKey("otp-identifier-subject"), "HmacSHA256");
        this.valueKey = new SecretKeySpec(jwts.deriveKey("otp-bound-value"), "HmacSHA256");
    }

    /** Codes compare case-insensitively (alphanumeric codes are upper-case). */
    String hash(String code) {
        return hmac(key, code.trim().toUpperCase(Locale.ROOT));
    }

    /**
     * The subject of a normalised email or E.164 phone on the enumeration-safe routes: {@code idh_} and 128 bits
     * of its HMAC — the same for a known and an unknown identifier, and no address in the table.
     */
    String identifierSubject(String identifier) {
        return "idh_" + hmac(identifierKey, identifier).substring(0, 32);
    }

    /** The keyed hash of a contact change's new value that its code's row keeps. */
    String bindValue(String value) {
        return hmac(valueKey, value);
    }

    boolean boundValueMatches(String value, String storedHash) {
        return value != null && storedHash != null && MessageDigest.isEqual(
                bindValue(value).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    private static String hmac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean matches(String code, String storedHash) {
        return MessageDigest.isEqual(hash(code).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
