package registration.otp;

import java.time.Duration;

import org.springframework.stereotype.Component;

import registration.notification.Channel;

/**
 * The configured resend throttle of each channel: {@code email-verification.resend-throttle-seconds} for
 * email, {@code phone-verification.resend-throttle-seconds} for SMS. Contact-change and deletion codes use
 * the throttle of their channel's verification purpose (SPEC 8a "Codes"); pass it to {@link OtpService#issue}.
 */
@Component
public class ResendIntervals {

    private final EmailVerificationSettings email;
    private final PhoneVerificationSettings phone;

    ResendIntervals(EmailVerificationSettings email, PhoneVerificationSettings phone) {
        this.email = email;
        this.phone = phone;
    }

    public Duration of(Channel channel) {
        return Duration.ofSeconds(switch (channel) {
            case EMAIL -> email.resendThrottleSeconds();
            case SMS -> phone.resendThrottleSeconds();
            case EVENT -> throw new IllegalArgumentException("No code is sent to the events webhook");
        });
    }
}
