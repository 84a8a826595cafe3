package registration.otp;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import registration.notification.Channel;

/**
 * {@code customer-registration.phone-verification.*} as far as OTP is concerned: the channel (only
 * {@code sms} can prove a phone number) and the resend throttle. Its {@code template} belongs to the
 * notification feature, which binds the same prefix.
 *
 * @param channel               must be {@code sms}: a code sent another way proves nothing about the number
 * @param resendThrottleSeconds least time between two SMS codes for one customer and purpose (phone
 *                              verification, contact change to a new phone, deletion codes by SMS)
 */
@Validated
@ConfigurationProperties("customer-registration.phone-verification")
record PhoneVerificationSettings(@DefaultValue("sms") @NotNull Channel channel,
                                 @DefaultValue("60") @Min(0) @Max(86400) int resendThrottleSeconds) {

    PhoneVerificationSettings {
        if (channel != null && channel != Channel.SMS) {
            throw new IllegalArgumentException("customer-registration.phone-verification.channel must be sms: "
                    + "a code sent another way does not prove the phone number");
        }
    }
}
