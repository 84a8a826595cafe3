package registration.deletion;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import registration.notification.Channel;

/**
 * Deletion codes use the resend throttle of their channel's verification purpose (SPEC 8a "Codes"):
 * {@code email-verification.resend-throttle-seconds} for email, {@code phone-verification.…} for SMS.
 */
@ConfigurationProperties("customer-registration")
record VerificationThrottles(@DefaultValue Throttle emailVerification, @DefaultValue Throttle phoneVerification) {

    record Throttle(@DefaultValue("60") int resendThrottleSeconds) {
    }

    Duration of(Channel channel) {
        return Duration.ofSeconds((channel == Channel.EMAIL ? emailVerification : phoneVerification).resendThrottleSeconds());
    }
}
