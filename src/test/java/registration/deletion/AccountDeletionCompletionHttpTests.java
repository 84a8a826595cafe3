package registration.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import registration.admin.TestAdmins;
import registration.support.Mailbox;
import registration.support.NoVerificationHttpTest;
import registration.support.StoreApi.Response;
import registration.support.StoreApi;
import tools.jackson.databind.JsonNode;

/** scheduled-days = 0: a confirmed deletion is carried out at the next sweep (every second in tests). */
@NoVerificationHttpTest
@TestPropertySource(properties = "customer-registration.account-deletion-request.scheduled-days=0")
class AccountDeletionCompletionHttpTests {

    @Autowired
    StoreApi api;
    @Autowired
    Mailbox mailbox;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationContext context;

    @Test
    void aDueDeletionErasesTheCustomerAndFreesTheEmailAndPhoneForANewSignUp() {
        String email = StoreApi.newEmail();
        String phone = StoreApi.newPhone();
        String registration = api.registerEmail(email, PASSWORD).text("token");
        String customerId = api.createCustomer(registration, body("email", email, "phone", phone, "first_name", "Ada",
                "last_name", "Lovelace", "company_name", "Engines Ltd", "metadata", body("tier", "gold")))
                .body().path("customer").path("id").asString();
        String token = api.loginEmail(email, PASSWORD).text("token");

        String requestToken = api.requestDeletion(token, body("reason", "Done with it")).text("token");
        JsonNode confirmed = api.confirmDeletion(requestToken, mailbox.code(email, 1)).body().path("request");
        assertThat(confirmed.path("status").asString()).isEqualTo("confirmed");
        assertThat(confirmed.path("scheduled_for").asString()).isEqualTo(confirmed.path("confirmed_at").asString());

        JsonNode completed = awaitStatus(api, TestAdmins.loginToken(context, api), confirmed.path("id").asString(), "completed");
        assertThat(completed.path("customer_id").asString()).isEqualTo(customerId);
        assertThat(completed.path("reason").asString()).isEqualTo("Done with it");
        assertThat(completed.path("email").isNull()).isTrue();
        assertThat(completed.path("phone").isNull()).isTrue();
        assertThat(completed.path("created_at").asString()).isEqualTo(confirmed.path("created_at").asString());
        assertThat(completed.path("confirmed_at").asString()).isEqualTo(confirmed.path("confirmed_at").asString());
        assertThat(Instant.parse(completed.path("completed_at").asString()))
                .isAfterOrEqualTo(Instant.parse(confirmed.path("scheduled_for").asString()));

        Map<String, Object> row = jdbc.sql("SELECT * FROM customer WHERE id = :id").param("id", customerId).query().singleRow();
        assertThat(row.get("deleted_at")).isNotNull();
        for (String erased : new String[] {"email", "phone", "first_name", "last_name", "company_name", "metadata"}) {
            assertThat(row.get(erased)).as(erased).isNull();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM auth_identity WHERE actor_id = :id").param("id", customerId)
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM account_deletion_request WHERE email = :e OR phone = :p")
                .param("e", email).param("p", phone).query(Integer.class).single()).isZero();
        // The "deletion scheduled" notice may still be on its way when the sweep runs: it is delivered, and then
        // no outbox row keeps the address.
        assertThat(Mailbox.subject(mailbox.awaitMessage(email, 2))).isEqualTo("Your account is scheduled for deletion");
        await(() -> jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE recipient = :e")
                .param("e", email).query(Integer.class).single() == 0);

        assertThat(api.loginEmail(email, PASSWORD).status()).isEqualTo(401);
        assertThat(api.me(token).status()).isEqualTo(401);

        String again = api.registerEmail(email, "another-password-1").text("token");
        Response recreated = api.createCustomer(again, body("email", email, "phone", phone));
        assertThat(recreated.status()).isEqualTo(200);
        assertThat(recreated.body().path("customer").path("id").asString()).isNotEqualTo(customerId);
        assertThat(api.loginEmail(email, "another-password-1").status()).isEqualTo(200);
    }

    /** Polls the admin list until the request has {@code status}; returns it as listed. */
    static JsonNode awaitStatus(StoreApi api, String adminToken, String requestId, String status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Response list = api.adminDeletionRequests(adminToken, "?limit=100");
            assertThat(list.status()).isEqualTo(200);
            for (JsonNode request : list.body().path("requests")) {
                if (request.path("id").asString().equals(requestId)) {
                    last = request;
                    if (status.equals(request.path("status").asString())) {
                        return request;
                    }
                }
            }
            sleep(200);
        }
        throw new AssertionError("Request " + requestId + " did not become " + status + " within 30 s; last seen: " + last);
    }

    static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Condition not met within 10 s");
            }
            sleep(50);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
