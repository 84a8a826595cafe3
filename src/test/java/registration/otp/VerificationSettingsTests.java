package registration.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import registration.notification.Channel;

/** A verification purpose can only use the channel that proves its contact; the throttles follow the channel. */
class VerificationSettingsTests {

    @Test
    void emailVerificationBySmsIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> new EmailVerificationSettings(Channel.SMS, 60, true))
                .hasMessageContaining("customer-registration.email-verification.channel");
    }

    @Test
    void phoneVerificationByEmailIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> new PhoneVerificationSettings(Channel.EMAIL, 60))
                .hasMessageContaining("customer-registration.phone-verification.channel");
    }

    @Test
    void eachChannelUsesTheThrottleOfItsVerificationPurpose() {
        var throttles = new ResendIntervals(new EmailVerificationSettings(Channel.EMAIL, 30, true),
                new PhoneVerificationSettings(Channel.SMS, 90));
        assertThat(throttles.of(Channel.EMAIL)).isEqualTo(Duration.ofSeconds(30));
        assertThat(throttles.of(Channel.SMS)).isEqualTo(Duration.ofSeconds(90));
    }
}
