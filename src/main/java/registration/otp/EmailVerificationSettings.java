package registration.otp;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import registration.notification.Channel;

/**
 * {@code customer-registration.email-verification.*} as far as OTP is concerned: the channel (only
 * {@code email} can prove an email address), the resend throttle, and whether {@code POST /store/customers}
 * sends the verification code at once. Its {@code template} and {@code subject} belong to the notification
 * feature, which binds the same prefix.
 *
 * @param channel                must be {@code email}: a code sent another way proves nothing about the address
 * @param resendThrottleSeconds  least time between two email codes for one customer and purpose (email
 *                               verification, contact change to a new email, deletion codes by email)
 * @param autoSendOnRegistration send the verification code from {@code POST /store/customers}
 */
@Validated
@ConfigurationProperties("customer-registration.email-verification")
public record EmailVerificationSettings(@DefaultValue("email") @NotNull Channel channel,
                                 @DefaultValue("60") @Min(0) @Max(86400) int resendThrottleSeconds,
                                 @DefaultValue("true") boolean autoSendOnRegistration) {

    public EmailVerificationSettings {
        if (channel != null && channel != Channel.EMAIL) {
            throw new IllegalArgumentException("customer-registration.email-verification.channel must be email: "
                    + "a code sent another way does not prove the email address");
        }
    }
}
