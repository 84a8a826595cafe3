package registration.otp;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import registration.identifier.Identifiers;
import registration.web.ApiException;

/**
 * Fixed codes for store QA (SPEC 9), off unless {@code customer-registration.otp.test-codes} lists
 * {@code identifier:code} pairs, e.g. {@code qa@shop.example:123456,+15005550006:654321}. A code issued to such
 * an email or phone is the fixed one and is not sent (no mail, no paid SMS); throttle, expiry, attempt limit
 * and single use apply as to anyone. The pairs are checked at start-up against the code length and alphabet.
 */
@Component
class FixedCodes {

    static final String KEY = "customer-registration.otp.test-codes";
    private static final Logger log = LoggerFactory.getLogger(FixedCodes.class);

    private final Map<String, String> codeByRecipient = new HashMap<>();

    FixedCodes(OtpSettings settings, Identifiers identifiers) {
        for (String pair : settings.testCodes()) {
            int colon = pair.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(KEY + ": '" + pair + "' is not identifier:code");
            }
            String code = pair.substring(colon + 1).trim();
            if (code.length() != settings.length() || !code.chars().allMatch(c -> settings.charset().symbols.indexOf(c) >= 0)) {
                throw new IllegalArgumentException(KEY + ": the code of '" + pair.substring(0, colon) + "' must be "
                        + settings.length() + " characters of the " + settings.charset().name().toLowerCase(Locale.ROOT) + " alphabet");
            }
            codeByRecipient.put(normalised(pair.substring(0, colon).trim(), identifiers), code);
        }
        if (!codeByRecipient.isEmpty()) {
            log.warn("{} test identifier(s) with FIXED codes configured ({}): meant for store QA, not for real customers",
                    codeByRecipient.size(), KEY);
        }
    }

    /** The fixed code of {@code recipient} (a normalised email or E.164 phone), if it is a test identifier. */
    Optional<String> codeFor(String recipient) {
        return codeByRecipient.isEmpty() ? Optional.empty() : Optional.ofNullable(codeByRecipient.get(recipient));
    }

    private static String normalised(String identifier, Identifiers identifiers) {
        try {
            return identifiers.normaliseEither(identifier);
        } catch (ApiException e) {
            throw new IllegalArgumentException(KEY + ": '" + identifier + "' is neither an email nor a phone number");
        }
    }
}
