package registration.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import registration.config.DbTime;
import registration.support.Mailbox;
import registration.support.NoVerificationHttpTest;
import registration.support.StoreApi;
import registration.support.TestClock;

/**
 * A completed deletion is told to the store ({@code account_deletion.completed}) in the sweep's transaction.
 * The request is scheduled a century ahead, so that no test context's sweep (they share the database, and one
 * runs a year ahead) completes it before this test brings it due and runs the job itself, in one transaction.
 * Delivery of events is proven in {@code EventsWebhookHttpTests}; here the receiver never answers.
 */
@NoVerificationHttpTest
@TestPropertySource(properties = {
        "customer-registration.account-deletion-request.scheduled-days=36500",
        "customer-registration.notifications.events.url=http://127.0.0.1:9/events"})
class DeletionCompletedEventTests {

    @Autowired
    StoreApi api;
    @Autowired
    Mailbox mailbox;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    DeletionJob job;
    @Autowired
    TestClock clock;

    @Test
    void theSweepWritesTheCompletedEventWithTheErasure() {
        String email = StoreApi.newEmail();
        api.createCustomer(api.registerEmail(email, PASSWORD).text("token"), body("email", email));
        String token = api.loginEmail(email, PASSWORD).text("token");
        String requestId = api.confirmDeletion(api.requestDeletion(token, body()).text("token"), mailbox.code(email, 1))
                .body().path("request").path("id").asString();

        int before = completedEvents();
        List<String> completed = transaction.execute(status -> {
            jdbc.sql("UPDATE account_deletion_request SET scheduled_for = :now WHERE id = :id")
                    .param("now", DbTime.of(clock.instant())).param("id", requestId).update();
            return job.completeDue();
        });

        assertThat(completed).contains(requestId);
        assertThat(completedEvents() - before).as("one event per completion").isGreaterThanOrEqualTo(completed.size());
    }

    private int completedEvents() {
        return jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE channel = 'EVENT' AND purpose = 'account_deletion.completed'")
                .query(Integer.class).single();
    }
}
