package registration.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import registration.config.DbTime;
import registration.support.HttpTest;
import registration.support.Mailbox;
import registration.support.SmsInbox;
import registration.support.StoreApi;
import registration.support.TestClock;

/**
 * Delivery through the ordinary crash and outage (issue 23), against the real SMS webhook: each message is
 * recorded sent as soon as its provider took it, so a crash mid-batch re-sends at most the one on the wire; a
 * short lease, renewed while a slow batch is being sent, lets another instance take a dead one's batch over
 * within seconds and never lets a live one's batch go out twice; the message id travels as an idempotency key;
 * and once the provider answers again, what its outage postponed goes out at once. Leases here last 1 s.
 */
@HttpTest
@TestPropertySource(properties = "customer-registration.notifications.dispatch.lease=1s")
class OutboxFaultsTests {

    @Autowired
    Notifications notifications;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SmsInbox sms;
    @Autowired
    Mailbox mailbox;
    @Autowired
    TestClock clock;

    @Test
    void eachMessageIsMarkedSentWhenItsProviderTookItAndASlowBatchKeepsItsLeaseSoNothingGoesOutTwice() {
        String first = StoreApi.newPhone();
        String second = StoreApi.newPhone();
        sms.slow(first, Duration.ofMillis(1500)); // each longer than the lease: only renewal keeps them this worker's
        sms.slow(second, Duration.ofMillis(1500));

        transaction.executeWithoutResult(s -> {
            enqueueCode(first, "300001");
            enqueueCode(second, "300002");
        });

        await(() -> "sent".equals(status(first)), Duration.ofSeconds(10));
        assertThat(status(first)).isEqualTo("sent");
        // with the batch marked sent as a whole, a crash now would send the first one again
        assertThat(status(second)).as("still on the wire").isEqualTo("pending");

        await(() -> "sent".equals(status(second)), Duration.ofSeconds(10));
        await(() -> false, Duration.ofSeconds(2)); // a lease taken over would show up as a second delivery by now
        assertThat(sms.messagesFor(first)).hasSize(1);
        assertThat(sms.messagesFor(second)).hasSize(1);
        assertThat(sms.messagesFor(first).get(0).headers().get("Idempotency-key")) // the JDK server normalises header names
                .containsExactly(id(first));
    }

    @Test
    void aDeadInstancesLeaseIsTakenOverWhenItRunsOutNotBefore() {
        String phone = StoreApi.newPhone();
        long start = System.nanoTime();
        transaction.executeWithoutResult(s -> {
            enqueueCode(phone, "300003");
            // as an instance that leased it and was killed with kill -9 right after its last renewal
            jdbc.sql("UPDATE notification_outbox SET claim_token = 'dead-instance', claimed_until = :until WHERE recipient = :phone")
                    .param("until", DbTime.of(clock.instant().plus(Duration.ofSeconds(2)))).param("phone", phone)
                    .update();
        });

        await(() -> !sms.messagesFor(phone).isEmpty(), Duration.ofSeconds(1));
        assertThat(sms.messagesFor(phone)).as("leased by an instance that may still be sending it").isEmpty();

        sms.awaitMessage(phone, 1);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("taken over within seconds of the lease running out").isBetween(Duration.ofMillis(1900),
                Duration.ofSeconds(5));
        await(() -> "sent".equals(status(phone)), Duration.ofSeconds(5));
        assertThat(status(phone)).isEqualTo("sent");
        assertThat(sms.messagesFor(phone)).hasSize(1);
    }

    @Test
    void onceTheProviderAnswersAgainWhatItsOutagePostponedGoesOutAtOnce() {
        String first = StoreApi.newPhone();
        String waiting = StoreApi.newPhone();
        try {
            sms.setDown(true);
            transaction.executeWithoutResult(s -> enqueueCode(first, "300004"));
            await(() -> lastError(first) != null, Duration.ofSeconds(10));
            assertThat(lastError(first)).as("postponed by the outage").isNotNull();
            transaction.executeWithoutResult(s -> {
                enqueueCode(waiting, "300005");
                // as another instance postponed it: to the end of its own, much longer, pause
                jdbc.sql("""
                        UPDATE notification_outbox SET next_attempt_at = :later, last_error = 'Webhook answered 503'
                        WHERE recipient = :phone""")
                        .param("later", DbTime.of(clock.instant().plus(Duration.ofMinutes(5)))).param("phone", waiting)
                        .update();
            });
        } finally {
            sms.setDown(false);
        }

        sms.awaitMessage(first, 1);
        long recovered = System.nanoTime();
        sms.awaitMessage(waiting, 1);
        assertThat(Duration.ofNanos(System.nanoTime() - recovered)).as("the backlog drains once a send succeeds")
                .isLessThan(Duration.ofSeconds(3));
        assertThat(sms.messagesFor(waiting)).hasSize(1);
    }

    @Test
    void mailCarriesItsOutboxIdAsMessageIdSoACopySentAgainAfterACrashCanBeFolded() throws Exception {
        String email = StoreApi.newEmail();
        transaction.executeWithoutResult(s -> notifications.enqueue(Channel.EMAIL, email, "email_verification",
                Map.of("code", "300006", "expires_in_minutes", 15)));

        var mail = mailbox.awaitMessage(email, 1);

        assertThat(mail.getMessageID()).startsWith("<" + column("id", email) + "@");
    }

    @Test
    void mailQueuedDuringAnSmtpOutageGoesOutOnceEachWhenTheServerIsBack() {
        String first = StoreApi.newEmail();
        String second = StoreApi.newEmail();
        mailbox.stopServer();
        try {
            transaction.executeWithoutResult(s -> enqueueMail(first, "300007"));
            await(() -> lastError(first) != null, Duration.ofSeconds(10));
            assertThat(lastError(first)).as("postponed: the SMTP server refuses connections").isNotNull();
            transaction.executeWithoutResult(s -> enqueueMail(second, "300008"));
            await(() -> lastError(second) != null, Duration.ofSeconds(10));
            assertThat(status(first)).isEqualTo("pending"); // no attempt spent on a provider outage
        } finally {
            mailbox.startServer();
        }
        long back = System.nanoTime();

        mailbox.awaitMessage(first, 1);
        mailbox.awaitMessage(second, 1);
        assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThan(Duration.ofSeconds(5));
        await(() -> "sent".equals(status(second)) && "sent".equals(status(first)), Duration.ofSeconds(5));
        assertThat(mailbox.messagesFor(first)).hasSize(1);
        assertThat(mailbox.messagesFor(second)).hasSize(1);
    }

    private void enqueueMail(String email, String code) {
        notifications.enqueue(Channel.EMAIL, email, "email_verification", Map.of("code", code, "expires_in_minutes", 15));
    }

    private void enqueueCode(String phone, String code) {
        notifications.enqueue(Channel.SMS, phone, "phone_verification", Map.of("code", code, "expires_in_minutes", 15));
    }

    private String status(String phone) {
        return column("status", phone);
    }

    private String lastError(String phone) {
        return column("last_error", phone);
    }

    private String id(String phone) {
        return column("id", phone);
    }

    private String column(String column, String recipient) {
        List<String> values = jdbc.sql("SELECT " + column + " FROM notification_outbox WHERE recipient = :recipient")
                .param("recipient", recipient).query(String.class).list();
        assertThat(values).hasSize(1);
        return values.get(0);
    }

    private static void await(BooleanSupplier done, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < end) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
