package registration.contact;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The resend throttle of a contact-change code is that of its channel's verification purpose (SPEC 8a
 * "Codes"): {@code customer-registration.email-verification.resend-throttle-seconds} for a new email,
 * {@code customer-registration.phone-verification.resend-throttle-seconds} for a new phone (60 s each).
 */
@Validated
@ConfigurationProperties("customer-registration")
record ContactChangeSettings(@DefaultValue @Valid ResendThrottle emailVerification,
                             @DefaultValue @Valid ResendThrottle phoneVerification) {

    record ResendThrottle(@DefaultValue("60") @Min(0) @Max(86_400) int resendThrottleSeconds) {
    }

    Duration throttle(ContactField field) {
        var throttle = field == ContactField.EMAIL ? emailVerification : phoneVerification;
        return Duration.ofSeconds(throttle.resendThrottleSeconds());
    }
}
