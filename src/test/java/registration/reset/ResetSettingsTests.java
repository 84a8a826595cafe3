package registration.reset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The storefront URL and reset throttle settings: defaults, the reset link, and refusal of bad values. */
class ResetSettingsTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({StorefrontSettings.class, PasswordResetSettings.class})
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void defaultsToTheLocalStorefrontAndASixtySecondThrottle() {
        runner.run(context -> {
            assertThat(context.getBean(StorefrontSettings.class).storefrontUrl()).isEqualTo("http://localhost:8000");
            assertThat(context.getBean(PasswordResetSettings.class).resendThrottle()).hasSeconds(60);
        });
    }

    @Test
    void theResetLinkEncodesTokenAndEmailAndToleratesATrailingSlash() {
        var settings = new StorefrontSettings("https://shop.example.com/eu/");

        assertThat(settings.resetUrl("a.b-c_d", "ada+shop@example.com"))
                .isEqualTo("https://shop.example.com/eu/reset-password?token=a.b-c_d&email=ada%2Bshop%40example.com");
    }

    @Test
    void aStorefrontUrlThatIsNotHttpStopsStartUpNamingTheKey() {
        runner.withPropertyValues("customer-registration.storefront-url=javascript:alert(1)").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("customer-registration");
            assertThat(context.getStartupFailure()).hasStackTraceContaining("storefront-url");
        });
    }

    @Test
    void aNegativeThrottleStopsStartUpNamingTheKey() {
        runner.withPropertyValues("customer-registration.password-reset.resend-throttle-seconds=-1").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("customer-registration.password-reset");
        });
    }
}
