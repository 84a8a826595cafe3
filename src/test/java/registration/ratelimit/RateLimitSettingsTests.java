package registration.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class RateLimitSettingsTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RateLimitSettings.class)
    static class Bound {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Bound.class);

    @Test
    void defaultsAreTheSpecs() {
        context.run(app -> {
            RateLimitSettings settings = app.getBean(RateLimitSettings.class);
            assertThat(settings.enabled()).isTrue();
            assertThat(settings.shared()).isFalse();
            assertThat(settings.trustedProxies()).isEmpty();
            assertThat(settings.capacity(RouteGroup.LOGIN)).isEqualTo(30);
            assertThat(settings.perMinute(RouteGroup.LOGIN)).isEqualTo(30);
            assertThat(settings.capacity(RouteGroup.REGISTER)).isEqualTo(10);
            assertThat(settings.capacity(RouteGroup.OTP_SEND)).isEqualTo(10);
            assertThat(settings.capacity(RouteGroup.OTP_VERIFY)).isEqualTo(30);
            assertThat(settings.capacity(RouteGroup.RESET)).isEqualTo(5);
            assertThat(settings.perMinute(RouteGroup.DELETION_CANCEL)).isEqualTo(5);
            assertThat(settings.loginLockout().maxFailures()).isEqualTo(10);
            assertThat(settings.loginLockout().window()).isEqualTo(Duration.ofMinutes(15));
            assertThat(settings.loginLockout().lock()).isEqualTo(Duration.ofMinutes(15));
        });
    }

    @Test
    void bindsGroupsByTheirSpecNamesKeepingUnsetValues() {
        context.withPropertyValues("customer-registration.rate-limit.groups.otp-send.capacity=3",
                "customer-registration.rate-limit.groups.deletion-cancel.per-minute=1",
                "customer-registration.rate-limit.trusted-proxies=10.0.0.0/8,192.0.2.1",
                "customer-registration.rate-limit.login-lockout.lock=1h").run(app -> {
            RateLimitSettings settings = app.getBean(RateLimitSettings.class);
            assertThat(settings.capacity(RouteGroup.OTP_SEND)).isEqualTo(3);
            assertThat(settings.perMinute(RouteGroup.OTP_SEND)).isEqualTo(10);
            assertThat(settings.capacity(RouteGroup.DELETION_CANCEL)).isEqualTo(5);
            assertThat(settings.perMinute(RouteGroup.DELETION_CANCEL)).isEqualTo(1);
            assertThat(settings.trustedProxies()).containsExactly("10.0.0.0/8", "192.0.2.1");
            assertThat(settings.loginLockout().lock()).isEqualTo(Duration.ofHours(1));
            assertThat(settings.loginLockout().maxFailures()).isEqualTo(10);
        });
    }

    @Test
    void refusesBadValuesNamingTheKey() {
        for (String bad : new String[] {"groups.login.capacity=0", "groups.reset.per-minute=-1", "groups.unknown.capacity=5",
                "login-lockout.max-failures=0", "login-lockout.window=0s", "enabled=perhaps"}) {
            context.withPropertyValues("customer-registration.rate-limit." + bad).run(app -> {
                assertThat(app).as(bad).hasFailed();
                assertThat(app.getStartupFailure()).as(bad).hasStackTraceContaining("customer-registration.rate-limit");
            });
        }
    }
}
