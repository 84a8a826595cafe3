package registration.identifier;

import java.util.Locale;
import java.util.regex.Pattern;

import registration.web.ApiException;

/**
 * A normalised email address: trimmed and lower-cased (SPEC 8a "Identifiers"). Holding one means it is valid.
 * Valid is RFC 5321's common form (SPEC 10 "Input"): a dot-atom local part of at most 64 characters (letters,
 * digits and {@code !#$%&'*+/=?^_`{|}~-}, dots only between them), {@code @}, and a host name of at least two
 * labels (letters, digits, inner hyphens, at most 63 each), at most 254 characters in all. Quoted local parts,
 * address literals, comments, commas, angle brackets and spaces are refused: mail libraries and relays
 * disagree about them (a row the outbox could never deliver), and they smuggle text into headers.
 * Internationalised domains are accepted in their ASCII ({@code xn--}) form. Deliverability is proven by the
 * OTP, not by this shape.
 */
public record Email(String value) {

    private static final String ATOM = "[a-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final String LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
    private static final Pattern SHAPE = Pattern.compile(
            "^(?=[^@]{1,64}@)" + ATOM + "(?:\\." + ATOM + ")*@" + LABEL + "(?:\\." + LABEL + ")+$");

    public static Email of(String raw) {
        String value = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT); // strip, not trim: trim would drop a NUL
        if (value.length() > 254 || !SHAPE.matcher(value).matches()) {
            throw ApiException.invalid("Invalid request: Field 'email' must be a valid email address");
        }
        return new Email(value);
    }

    /** For logs: never the full address. */
    public String masked() {
        int at = value.indexOf('@');
        return value.charAt(0) + "***" + value.substring(at);
    }

    @Override
    public String toString() {
        return masked();
    }
}
