package registration.reset;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * {@code customer-registration.password-reset.resend-throttle-seconds}: the least time between two reset
 * requests for one email or phone (known or not); 0 turns the throttle off.
 *
 * @param resendThrottleSeconds least time between two reset requests for one email or number, known or not;
 *                              0 = off
 */
@Validated
@ConfigurationProperties("customer-registration.password-reset")
record PasswordResetSettings(@DefaultValue("60") @Min(0) @Max(86_400) int resendThrottleSeconds) {

    Duration resendThrottle() {
        return Duration.ofSeconds(resendThrottleSeconds);
    }
}
