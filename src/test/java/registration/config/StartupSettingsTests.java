package registration.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import registration.CustomerRegistrationApplication;
import registration.support.TestServices;

/** A bad configuration value stops start-up with a message naming the key. */
@ExtendWith({TestServices.RequiredServices.class, OutputCaptureExtension.class})
class StartupSettingsTests {

    @Test
    void aLoginIdentifierNotCoveredByRegistrationStopsStartUp() {
        assertFailsNaming("customer-registration.login.identifier",
                "--customer-registration.registration.identifier=email", "--customer-registration.login.identifier=phone");
    }

    @Test
    void aShortJwtSecretStopsStartUp() {
        assertFailsNaming("customer-registration.jwt.secret", "--customer-registration.jwt.secret=too-short");
    }

    @Test
    void aRealDatabaseWithoutSecretStopsStartUp() {
        assertFailsNaming("customer-registration.jwt.secret", "--customer-registration.jwt.secret=",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none", "--spring.flyway.enabled=false",
                "--customer-registration.allow-localhost-storefront=true");
    }

    @Test
    void aLogNotificationProviderOnAProductionDatabaseStopsStartUpNamingTheSwitch() {
        // The mistake it stops: a store that forgot to configure mail, whose customers' codes go to the log.
        assertFailsNaming("customer-registration.notifications.allow-log-provider",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none", "--spring.flyway.enabled=false",
                "--customer-registration.storefront-url=https://shop.example.com",
                "--customer-registration.notifications.email.provider=log");
        assertFailsNaming("customer-registration.notifications.sms.provider",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none", "--spring.flyway.enabled=false",
                "--customer-registration.storefront-url=https://shop.example.com",
                "--customer-registration.notifications.sms.provider=log");
    }

    @Test
    void aLocalhostStorefrontOnAProductionDatabaseStopsStartUpNamingTheSwitch() {
        // The mistake it stops: password reset links to http://localhost:8000 in real customers' mail.
        assertFailsNaming("customer-registration.allow-localhost-storefront",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none", "--spring.flyway.enabled=false",
                "--customer-registration.allow-localhost-storefront=false");
        assertFailsNaming("customer-registration.allow-localhost-storefront",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none", "--spring.flyway.enabled=false",
                "--customer-registration.allow-localhost-storefront=false",
                "--customer-registration.storefront-url=http://127.0.0.1:3000/shop");
    }

    @Test
    void h2InServerModeStopsStartUp() {
        assertFailsNaming("spring.datasource.url", "--spring.datasource.url=jdbc:h2:tcp://localhost:1/~/shop",
                "--spring.flyway.enabled=false");
    }

    @Test
    void anUnknownIdentifierModeOrOtpLengthStopsStartUp() {
        assertFailsNaming("customer-registration.registration.identifier", "--customer-registration.registration.identifier=fax");
        assertFailsNaming("customer-registration.otp", "--customer-registration.otp.length=2");
    }

    @Test
    void aWebhookProviderWithoutUrlStopsStartUp() {
        assertFailsNaming("customer-registration.notifications.sms.webhook.url",
                "--customer-registration.notifications.sms.webhook.url=");
    }

    @Test
    void anUnknownDefaultPhoneRegionStopsStartUp() {
        assertFailsNaming("customer-registration.phone.default-region", "--customer-registration.phone.default-region=XX");
    }

    @Test
    void anUnknownSmsRegionStopsStartUp() {
        assertFailsNaming("customer-registration.phone.sms-regions", "--customer-registration.phone.sms-regions=US,XX");
    }

    @Test
    void aTestCodeOfTheWrongShapeStopsStartUp() {
        assertFailsNaming("customer-registration.otp.test-codes", "--customer-registration.otp.test-codes=qa@shop.example:12");
        assertFailsNaming("customer-registration.otp.test-codes", "--customer-registration.otp.test-codes=not-an-identifier:123456");
    }

    @Test
    void theReportNamesARefusedSettingByItsKeyNotItsJavaName(CapturedOutput output) {
        assertFailsNaming("customer-registration.account-deletion-request",
                "--customer-registration.account-deletion-request.scheduled-days=-1");
        assertThat(output.getOut() + output.getErr())
                .contains("customer-registration.account-deletion-request.scheduled-days: must be greater than or equal to 0")
                .doesNotContain("scheduledDays");
    }

    private static void assertFailsNaming(String key, String... overrides) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String p : TestServices.properties()) {
            properties.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1));
        }
        for (String o : overrides) {
            properties.put(o.substring(2, o.indexOf('=')), o.substring(o.indexOf('=') + 1));
        }
        List<String> args = new ArrayList<>();
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        var app = new SpringApplication(CustomerRegistrationApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> app.run(args.toArray(String[]::new)).close())
                .satisfies(e -> assertThat(allMessages(e)).contains(key));
    }

    private static String allMessages(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t.getMessage()).append('\n');
        }
        return b.toString();
    }
}
