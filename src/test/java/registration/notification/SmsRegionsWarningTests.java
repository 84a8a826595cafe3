package registration.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import registration.support.HttpTest;

/**
 * A store that configures a real SMS provider and no {@code phone.sms-regions} can be texted to any country,
 * premium-rate ranges included: start-up says so, naming the key. (The tests' SMS provider is a webhook.)
 */
@HttpTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "customer-registration.notifications.budgets.sms-per-hour=100000") // a context of its own
class SmsRegionsWarningTests {

    @Test
    void startUpWarnsOnceThatAnyCountryMayBeTexted(CapturedOutput output) {
        assertThat(output.getAll().lines().filter(line -> line.contains("WARN")
                && line.contains("customer-registration.phone.sms-regions"))).hasSize(1);
    }
}
