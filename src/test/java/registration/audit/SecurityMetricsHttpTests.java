package registration.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import registration.support.HttpTest;
import registration.support.Mailbox;
import registration.support.StoreApi;
import registration.support.StoreApi.Response;

/**
 * The operator's metrics on the management port (Prometheus, prefix {@code customer_registration_}): logins by
 * outcome, lockouts, OTP sends by channel and outcome, security events by type, and the outbox backlog gauges.
 * A lockout after 2 failures; the resend throttle makes the second send of a code a refusal.
 */
@HttpTest
@DirtiesContext
@TestPropertySource(properties = {"management.server.port=0",
        "customer-registration.registration.require-verification=false",
        "customer-registration.email-verification.auto-send-on-registration=false",
        "customer-registration.rate-limit.enabled=true",
        "customer-registration.rate-limit.login-lockout.max-failures=2",
        "customer-registration.rate-limit.groups.login.capacity=1000",
        "customer-registration.rate-limit.groups.register.capacity=1000",
        "customer-registration.rate-limit.groups.otp-send.capacity=1000"})
class SecurityMetricsHttpTests {

    @Autowired
    StoreApi api;
    @Autowired
    Mailbox mailbox;
    @LocalManagementPort
    int managementPort;

    private String metrics() {
        Response answer = StoreApi.forPort(managementPort).call("GET", "/actuator/prometheus", null, null,
                Map.of("Accept", "text/plain"));
        assertThat(answer.status()).isEqualTo(200);
        return answer.raw().body();
    }

    /** The value of the sample {@code name{labels}} (labels in Prometheus' sorted order), 0 when absent. */
    private static double value(String metrics, String name, String labels) {
        String pattern = labels.isEmpty() ? "(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$"
                : "(?m)^" + Pattern.quote(name + "{" + labels) + "[^}]*()\\} (\\S+)$";
        Matcher sample = Pattern.compile(pattern).matcher(metrics);
        return sample.find() ? Double.parseDouble(sample.group(2)) : 0;
    }

    @Test
    void countsLoginsLockoutsAndCodeSendsByOutcome() {
        String before = metrics();
        String email = StoreApi.newEmail();
        String registration = api.registerEmail(email, PASSWORD).text("token");
        String customerId = api.createCustomer(registration, body("email", email)).body().path("customer").path("id").asString();
        assertThat(api.loginEmail(email, PASSWORD).status()).isEqualTo(200);
        assertThat(api.loginEmail(email, "wrong-password-1").status()).isEqualTo(401);
        assertThat(api.loginEmail(email, "wrong-password-1").status()).isEqualTo(401);
        assertThat(api.loginEmail(email, PASSWORD).status()).as("locked").isEqualTo(429);
        assertThat(api.sendOtp(customerId, "email_verification").status()).isEqualTo(200);
        assertThat(api.sendOtp(customerId, "email_verification").status()).as("inside the resend throttle").isEqualTo(429);
        String after = metrics();

        String logins = "customer_registration_logins_total";
        assertThat(value(after, logins, "actor=\"customer\",outcome=\"success\"")
                - value(before, logins, "actor=\"customer\",outcome=\"success\"")).isEqualTo(1);
        assertThat(value(after, logins, "actor=\"customer\",outcome=\"failure\"")
                - value(before, logins, "actor=\"customer\",outcome=\"failure\"")).isEqualTo(2);
        String lockouts = "customer_registration_login_lockouts_total";
        assertThat(value(after, lockouts, "actor=\"customer\"") - value(before, lockouts, "actor=\"customer\"")).isEqualTo(1);
        String sends = "customer_registration_otp_sends_total";
        String sent = "channel=\"email\",outcome=\"sent\",purpose=\"email_verification\"";
        String throttled = "channel=\"email\",outcome=\"throttled\",purpose=\"email_verification\"";
        assertThat(value(after, sends, sent) - value(before, sends, sent)).isEqualTo(1);
        assertThat(value(after, sends, throttled) - value(before, sends, throttled)).isEqualTo(1);
        String events = "customer_registration_security_events_total";
        assertThat(value(after, events, "type=\"customer.created\"") - value(before, events, "type=\"customer.created\""))
                .isEqualTo(1);
    }

    @Test
    void gaugesTheOutboxBacklogAndHowLongItsOldestDueMessageHasWaited() {
        mailbox.stopServer(); // SMTP away: the code waits in the outbox
        try {
            String email = StoreApi.newEmail();
            String registration = api.registerEmail(email, PASSWORD).text("token");
            String customerId = api.createCustomer(registration, body("email", email)).body().path("customer").path("id").asString();
            assertThat(api.sendOtp(customerId, "email_verification").status()).isEqualTo(200);

            String metrics = metrics();
            assertThat(value(metrics, "customer_registration_outbox_backlog", "")).isGreaterThanOrEqualTo(1);
            assertThat(metrics).containsPattern("(?m)^customer_registration_outbox_oldest_due_age_seconds(\\{[^}]*\\})? \\d");
        } finally {
            mailbox.startServer();
        }
    }
}
