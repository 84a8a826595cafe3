package registration.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import registration.admin.TestAdmins;
import registration.support.HttpTest;
import registration.support.StoreApi;
import registration.support.TestClock;

/**
 * Security events are kept {@code audit.retention} (180 days by default) and then deleted by the hourly
 * db-scheduler task. The clock moves half a year: the context is closed afterwards.
 */
@HttpTest
@DirtiesContext
@TestPropertySource(properties = {"customer-registration.registration.require-verification=false",
        "customer-registration.email-verification.auto-send-on-registration=false",
        "customer-registration.audit.retention=180d"})
class AuditRetentionHttpTests {

    @Autowired
    StoreApi api;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditRetention retention;
    @Autowired
    ApplicationContext context;

    private String signUp() {
        String email = StoreApi.newEmail();
        String registration = api.registerEmail(email, PASSWORD).text("token");
        return api.createCustomer(registration, body("email", email)).body().path("customer").path("id").asString();
    }

    @Test
    void deletesEventsOlderThanTheRetentionAndKeepsYoungerOnes() {
        assertThat(jdbc.sql("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'security-event-retention'")
                .query(Integer.class).single()).as("scheduled through db-scheduler").isEqualTo(1);
        String old = signUp();
        clock.advance(Duration.ofDays(179));
        String young = signUp();
        clock.advance(Duration.ofDays(1).plusHours(1)); // the first is now 180 days and an hour old

        assertThat(retention.purge()).isGreaterThanOrEqualTo(1);

        AuditEvents audit = new AuditEvents(api, TestAdmins.loginToken(context, api));
        assertThat(audit.ofCustomer(old)).isEmpty();
        assertThat(AuditEvents.types(audit.ofCustomer(young))).contains("customer.created");
        assertThat(retention.purge()).as("nothing left to delete").isZero();
    }
}
