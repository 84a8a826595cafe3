package registration.otp;

import java.security.SecureRandom;

import org.springframework.stereotype.Component;

/**
 * Draws codes from a CSPRNG over the configured alphabet (uniformly: {@code nextInt} has no modulo bias), or
 * gives a QA identifier its fixed code ({@link FixedCodes}).
 */
@Component
class CodeGenerator {

    private final SecureRandom random = new SecureRandom();
    private final OtpSettings settings;
    private final FixedCodes testCodes;

    CodeGenerator(OtpSettings settings, FixedCodes testCodes) {
        this.settings = settings;
        this.testCodes = testCodes;
    }

    /** @param fixed a QA identifier's configured code, which is not to be sent */
    record Code(String value, boolean fixed) {
    }

    /** The code for {@code recipient} (a normalised email or E.164 phone). */
    Code codeFor(String recipient) {
        return testCodes.codeFor(recipient).map(fixed -> new Code(fixed, true)).orElseGet(() -> new Code(next(), false));
    }

    String next() {
        String symbols = settings.charset().symbols;
        char[] code = new char[settings.length()];
        for (int i = 0; i < code.length; i++) {
            code[i] = symbols.charAt(random.nextInt(symbols.length()));
        }
        return new String(code);
    }
}
