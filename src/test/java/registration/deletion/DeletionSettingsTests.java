package registration.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

import registration.CustomerRegistrationApplication;
import registration.support.TestServices;

/** {@code customer-registration.account-deletion-request.*}: fractional days, and bad values stop start-up. */
class DeletionSettingsTests {

    @Test
    void scheduledDaysMayBeFractionalOrZero() {
        assertThat(new DeletionSettings(7, Duration.ofMinutes(1)).gracePeriod()).isEqualTo(Duration.ofDays(7));
        assertThat(new DeletionSettings(0.5, Duration.ofMinutes(1)).gracePeriod()).isEqualTo(Duration.ofHours(12));
        assertThat(new DeletionSettings(0.005, Duration.ofMinutes(1)).gracePeriod()).isEqualTo(Duration.ofMillis(432_000));
        assertThat(new DeletionSettings(0, Duration.ofMinutes(1)).gracePeriod()).isZero();
    }

    @Test
    @ExtendWith(TestServices.RequiredServices.class) // starts the application on the run's database
    void aNegativeGracePeriodOrNoSweepIntervalStopsStartUp() {
        assertFailsNaming("customer-registration.account-deletion-request",
                "--customer-registration.account-deletion-request.scheduled-days=-1");
        assertFailsNaming("customer-registration.account-deletion-request",
                "--customer-registration.account-deletion-request.sweep-interval=0s");
        assertFailsNaming("customer-registration.account-deletion-request.scheduled-days",
                "--customer-registration.account-deletion-request.scheduled-days=NaN");
    }

    private static void assertFailsNaming(String key, String override) {
        List<String> args = new ArrayList<>();
        TestServices.properties().forEach(p -> args.add("--" + p));
        args.add(override);
        var app = new SpringApplication(CustomerRegistrationApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> app.run(args.toArray(String[]::new)).close()).satisfies(e -> {
            StringBuilder messages = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
            assertThat(messages.toString()).contains(key);
        });
    }
}
