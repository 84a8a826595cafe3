package registration.otp;

import java.security.SecureRandom;

import org.springframework.stereotype.Component;

/** Draws codes from a CSPRNG over the configured alphabet (uniformly: {@code nextInt} has no modulo bias). */
@Component
class CodeGenerator {

    private final SecureRandom random = new SecureRandom();
    private final OtpSettings settings;

    CodeGenerator(OtpSettings settings) {
        this.settings = settings;
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
