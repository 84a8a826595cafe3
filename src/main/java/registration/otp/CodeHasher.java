package registration.otp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import registration.keys.HmacSha256;
import registration.keys.ServiceKey;
import registration.keys.ServiceKeys;

/**
 * Codes are stored only as HMAC-SHA256 under a server key (a leaked table does not reveal live codes, and a
 * 6-digit code cannot be brute-forced offline without the key) and compared in constant time. The same
 * holds for the two other keyed hashes of a code's row, each under a key of its own: the subject of an
 * identifier ({@link #identifierSubject}) and the new value a contact-change code binds ({@link #bindValue}).
 */
@Component
class CodeHasher {

    static final String CODE = "otp-code-hmac";
    static final String IDENTIFIER = "otp-identifier-subject";
    static final String VALUE = "otp-bound-value";

    private final ServiceKeys keys;
    private final String keyId;
    private final HmacSha256 key;
    private final HmacSha256 identifierKey;
    private final HmacSha256 valueKey;

    CodeHasher(ServiceKeys keys) {
        this.keys = keys;
        this.keyId = keys.currentId();
        this.key = spec(keys.current(CODE));
        this.identifierKey = spec(keys.current(IDENTIFIER));
        this.valueKey = spec(keys.current(VALUE));
    }

    /** The id of the key {@link #hash} and {@link #bindValue} use now, recorded with the code's row (issue 18). */
    String keyId() {
        return keyId;
    }

    /** Codes compare case-insensitively (alphanumeric codes are upper-case). */
    String hash(String code) {
        return hmac(key, normalised(code));
    }

    private static String normalised(String code) {
        return code.trim().toUpperCase(Locale.ROOT);
    }

    /**
     * The subject of a normalised email or E.164 phone on the enumeration-safe routes: {@code idh_} and 128 bits
     * of its HMAC — the same for a known and an unknown identifier, and no address in the table. Under the current
     * key: after the master key is rotated, new codes of an identifier get a new subject (see docs/signing-keys.md).
     */
    String identifierSubject(String identifier) {
        return subject(identifierKey, identifier);
    }

    /** The identifier's subject under every key still configured, current first: for lookups that must span a rotation. */
    List<String> identifierSubjects(String identifier) {
        return keys.all(IDENTIFIER).stream().map(k -> subject(spec(k), identifier)).distinct().toList();
    }

    private static String subject(HmacSha256 key, String identifier) {
        return "idh_" + hmac(key, identifier).substring(0, 32);
    }

    /** The keyed hash of a contact change's new value that its code's row keeps. */
    String bindValue(String value) {
        return hmac(valueKey, value);
    }

    /** @param keyId the key id the row recorded (null: written before issue 18, the legacy key) */
    boolean boundValueMatches(String value, String storedHash, String keyId) {
        var valueKeyOfRow = keyId != null && keyId.equals(this.keyId) ? valueKey : keys.find(VALUE, keyId).map(CodeHasher::spec).orElse(null);
        return value != null && storedHash != null && valueKeyOfRow != null && MessageDigest.isEqual(
                hmac(valueKeyOfRow, value).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** @param keyId the key id the row recorded (null: the legacy key); a key no longer configured matches nothing */
    boolean matches(String code, String storedHash, String keyId) {
        var codeKey = keyId != null && keyId.equals(this.keyId) ? key : keys.find(CODE, keyId).map(CodeHasher::spec).orElse(null);
        return codeKey != null && MessageDigest.isEqual(hmac(codeKey, normalised(code)).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    private static HmacSha256 spec(ServiceKey key) {
        return new HmacSha256(key.bytes());
    }

    private static String hmac(HmacSha256 key, String text) {
        return HexFormat.of().formatHex(key.mac(text.getBytes(StandardCharsets.UTF_8)));
    }

}
