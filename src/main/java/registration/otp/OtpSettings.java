package registration.otp;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * {@code customer-registration.otp.*}: the shape and life of every one-time code, and the fixed codes of QA
 * identifiers ({@link FixedCodes}; none by default).
 *
 * @param length                  characters of a code (4–12)
 * @param charset                 {@code numeric}, or {@code alphanumeric}: upper-case letters and digits without
 *                                0/O and 1/I, compared case-insensitively
 * @param expiryMinutes           lifetime of a code and its OTP token
 * @param maxAttempts             wrong tries before a code is dead
 * @param testCodes               {@code identifier:code} pairs giving QA emails or phones a fixed code for every
 *                                purpose; nothing is sent to them (off by default, warned about in the log)
 * @param maxFailedAttemptsPerDay wrong codes per subject (customer, or identifier on the enumeration-safe
 *                                routes) and purpose in any 24 h, across codes, before every code of that
 *                                purpose is locked for 24 h; 0 turns the cap off. Independent of
 *                                {@code rate-limit.enabled}.
 * @param maxLiveCodes            live codes kept per subject and purpose; a newer send drops the oldest beyond it
 */
@Validated
@ConfigurationProperties("customer-registration.otp")
record OtpSettings(@DefaultValue("6") @Min(4) @Max(12) int length,
                   @DefaultValue("numeric") @NotNull CodeAlphabet charset,
                   @DefaultValue("15") @Min(1) @Max(1440) int expiryMinutes,
                   @DefaultValue("5") @Min(1) @Max(20) int maxAttempts,
                   @DefaultValue List<String> testCodes,
                   @DefaultValue("10") @Min(0) @Max(1000) int maxFailedAttemptsPerDay,
                   @DefaultValue("3") @Min(1) @Max(10) int maxLiveCodes) {

    enum CodeAlphabet {
        NUMERIC("0123456789"),
        /** Upper-case letters and digits without the look-alikes 0/O and 1/I (SPEC 8a "Codes"). */
        ALPHANUMERIC("23456789ABCDEFGHJKLMNPQRSTUVWXYZ");

        final String symbols;

        CodeAlphabet(String symbols) {
            this.symbols = symbols;
        }
    }
}
