package registration.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import registration.admin.TestAdmins;
import registration.support.HttpTest;
import registration.support.Mailbox;
import registration.support.StoreApi;
import tools.jackson.databind.JsonNode;

/**
 * After an erasure the audit trail keeps only the customer id of the erased customer's events (with type, actor
 * and time): no identifier, client address or details, and the email and phone in no text column of
 * {@code security_event}. scheduled-days = 0: the sweep (every second in tests) erases at once.
 */
@HttpTest
@TestPropertySource(properties = {"customer-registration.registration.require-verification=false",
        "customer-registration.email-verification.auto-send-on-registration=false",
        "customer-registration.account-deletion-request.scheduled-days=0"})
class AuditErasureHttpTests {

    @Autowired
    StoreApi api;
    @Autowired
    Mailbox mailbox;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationContext context;

    @Test
    void aCompletedDeletionScrubsTheCustomersEventsDownToTheirIds() {
        AuditEvents audit = new AuditEvents(api, TestAdmins.loginToken(context, api));
        String email = StoreApi.newEmail();
        String phone = StoreApi.newPhone();
        String registration = api.registerEmail(email, PASSWORD).text("token");
        String customerId = api.createCustomer(registration, body("email", email, "phone", phone))
                .body().path("customer").path("id").asString();
        assertThat(api.sendOtp(customerId, "phone_verification").status()).isEqualTo(200);
        assertThat(api.loginEmail(email, "wrong-password-1").status()).isEqualTo(401);
        String login = api.loginEmail(email, PASSWORD).text("token");
        assertThat(audit.newest(customerId, "otp.sent").path("identifier").asString())
                .isEqualTo(AuditEvents.maskedPhone(phone));
        assertThat(audit.newest(customerId, "login.succeeded").path("client_address").asString()).isEqualTo("127.0.0.1");

        String requestToken = api.requestDeletion(login, body()).text("token");
        assertThat(api.confirmDeletion(requestToken, mailbox.code(email, 1)).status()).isEqualTo(200);
        JsonNode completed = await(() -> audit.find(customerId, "account_deletion.completed"));

        assertThat(completed.path("actor_type").asString()).isEqualTo("system");
        assertThat(completed.path("actor_id").isNull()).isTrue();
        List<JsonNode> events = audit.ofCustomer(customerId);
        assertThat(AuditEvents.types(events)).containsSubsequence("account_deletion.completed",
                "account_deletion.scheduled", "otp.verified", "account_deletion.requested", "login.succeeded",
                "login.failed", "otp.sent", "customer.created");
        assertThat(events).allSatisfy(event -> {
            assertThat(event.path("customer_id").asString()).isEqualTo(customerId);
            assertThat(event.path("identifier").isNull()).as("identifier of %s", event).isTrue();
            assertThat(event.path("client_address").isNull()).as("client address of %s", event).isTrue();
        });
        assertThat(events.stream().filter(e -> e != events.get(0)))
                .allSatisfy(e -> assertThat(e.path("details").isEmpty()).as("details of %s", e).isTrue());
        for (String column : textColumnsOfSecurityEvent()) {
            for (String value : List.of(email, phone, phone.substring(1))) {
                assertThat(jdbc.sql("SELECT COUNT(*) FROM security_event WHERE " + column + " LIKE :value")
                        .param("value", "%" + value + "%").query(Integer.class).single())
                        .as("%s holds %s", column, value).isZero();
            }
        }
    }

    private List<String> textColumnsOfSecurityEvent() {
        List<String> columns = jdbc.sql("""
                SELECT column_name FROM information_schema.columns
                WHERE LOWER(table_name) = 'security_event' AND (LOWER(data_type) LIKE '%char%' OR LOWER(data_type) LIKE '%text%')""")
                .query(String.class).list();
        assertThat(columns).as("text columns").contains("identifier", "details", "client_address", "type");
        return columns;
    }

    private static JsonNode await(java.util.function.Supplier<Optional<JsonNode>> found) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<JsonNode> event = found.get();
            if (event.isPresent()) {
                return event.get();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("No event in 20 s");
    }
}
