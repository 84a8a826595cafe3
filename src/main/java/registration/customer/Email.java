package registration.customer;

import java.util.Locale;
import java.util.regex.Pattern;

import registration.web.ApiException;

/** A normalised email address: trimmed and lower-cased (SPEC 8a "Identifiers"). Holding one means it is valid. */
public record Email(String value) {

    // Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is proven by the OTP, not a regex.
    private static final Pattern SHAPE = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    public static Email of(String raw) {
        String value = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        if (value.length() > 320 || !SHAPE.matcher(value).matches()) {
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
