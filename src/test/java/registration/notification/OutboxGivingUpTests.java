package registration.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import registration.support.HttpTest;
import registration.support.Mailbox;
import registration.support.SmsInbox;
import registration.support.StoreApi;
import registration.support.TestClock;

/**
 * Delivery gives up cleanly (issue 16, SPEC §11 "Delivery"), against the real SMTP server and SMS webhook: an
 * undeliverable message is abandoned instead of being retried for ever, keeps no address or payload, is counted,
 * and a backlog of failing messages never holds back a new code.
 */
@HttpTest
class OutboxGivingUpTests {

    @Autowired
    Notifications notifications;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Mailbox mailbox;
    @Autowired
    SmsInbox sms;
    @Autowired
    TestClock clock;
    @Autowired
    MeterRegistry meters;

    @Test
    void anAddressTheMailLibraryRefusesIsAbandonedAtOnceAndKeepsNoTraceOfItWhileTheRestOfItsBatchGoesOut() {
        String evil = "x\"y" + System.nanoTime() + "@evil.tld"; // passed the old email check, refused by Jakarta Mail
        String good = StoreApi.newEmail();
        double before = abandoned("email", "email_verification", "rejected");
        String id = transaction.execute(s -> {
            notifications.enqueue(Channel.EMAIL, evil, "email_verification", Map.of("code", "640213", "expires_in_minutes", 15));
            notifications.enqueue(Channel.EMAIL, good, "email_verification", Map.of("code", "640214", "expires_in_minutes", 15));
            return idOf(evil);
        });

        assertThat(Mailbox.body(mailbox.awaitMessage(good, 1))).contains("640214");
        awaitStatus(id, "abandoned");
        var row = row(id);
        assertThat(row.recipient()).isEqualTo("erased");
        assertThat(row.payload()).isNull();
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(row.lastError()).startsWith("rejected").doesNotContain("evil").doesNotContain("x\"y");
        awaitCounted(before + 1, "email", "email_verification", "rejected");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE recipient = :r").param("r", evil)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void aNumberTheSmsProviderRefusesIsAbandonedAtOnceAndNeverTriedAgain() {
        String refused = StoreApi.newPhone();
        sms.refuse(refused, 422, Duration.ZERO);
        double before = abandoned("sms", "phone_verification", "rejected");
        String id = transaction.execute(s -> {
            notifications.enqueue(Channel.SMS, refused, "phone_verification", Map.of("code", "771204", "expires_in_minutes", 15));
            return idOf(refused);
        });
        awaitStatus(id, "abandoned");
        assertThat(row(id).recipient()).isEqualTo("erased");
        awaitCounted(before + 1, "sms", "phone_verification", "rejected");

        clock.advance(Duration.ofMinutes(10)); // past any backoff it would have had
        String other = StoreApi.newPhone();
        transaction.executeWithoutResult(s -> notifications.enqueue(Channel.SMS, other, "phone_verification",
                Map.of("code", "771205", "expires_in_minutes", 15)));
        sms.awaitMessage(other, 1); // dispatch rounds have run since
        assertThat(sms.refusals(refused)).isEqualTo(1);
    }

    @Test
    void aTemporaryRefusalIsRetriedWithBackoffAndTheNoticeAbandonedWhenItsAttemptsRunOut() {
        String phone = StoreApi.newPhone();
        sms.refuse(phone, 409, Duration.ZERO);
        double before = abandoned("sms", "password_changed_notice", "attempts");
        String id = transaction.execute(s -> {
            notifications.enqueue(Channel.SMS, phone, "password_changed_notice", Map.of("customer", Map.of()));
            return idOf(phone);
        });
        await(() -> sms.refusals(phone) == 1 && "retrying".equals(row(id).status()), "the first refusal");
        assertThat(row(id).attempts()).isEqualTo(1);
        for (int attempt = 2; attempt <= 10; attempt++) { // dispatch.attempts = 10
            int tried = attempt;
            clock.advance(Duration.ofMinutes(6)); // past the longest backoff (5m)
            await(() -> sms.refusals(phone) == tried, "attempt " + tried);
        }
        awaitStatus(id, "abandoned");
        assertThat(row(id).attempts()).isEqualTo(10);
        assertThat(row(id).recipient()).isEqualTo("erased");
        awaitCounted(before + 1, "sms", "password_changed_notice", "attempts");
    }

    @Test
    void aMessageCarryingACodeDiesWithItsCode() {
        String phone = StoreApi.newPhone();
        sms.refuse(phone, 409, Duration.ZERO);
        String id = transaction.execute(s -> {
            notifications.enqueue(Channel.SMS, phone, "phone_verification", Map.of("code", "330112", "expires_in_minutes", 15));
            return idOf(phone);
        });
        await(() -> "retrying".equals(row(id).status()), "the first refusal");
        double before = abandoned("sms", "phone_verification", "expired");
        clock.advance(Duration.ofMinutes(16));
        awaitStatus(id, "abandoned");
        assertThat(row(id).lastError()).startsWith("expired");
        assertThat(row(id).payload()).isNull();
        awaitCounted(before + 1, "sms", "phone_verification", "expired");
    }

    @Test
    void aNoticeOutlastingAProviderOutageForItsHorizonIsAbandonedWithoutSpendingAttempts() {
        String phone = StoreApi.newPhone();
        clock.advance(Duration.ofMinutes(10)); // past any pause an earlier test left
        double before = abandoned("sms", "password_changed_notice", "horizon");
        sms.setDown(true);
        String id;
        try {
            id = transaction.execute(s -> {
                notifications.enqueue(Channel.SMS, phone, "password_changed_notice", Map.of("customer", Map.of()));
                return idOf(phone);
            });
            await(() -> row(id).lastError() != null && row(id).claimed() == null, "a failed try");
            clock.advance(Duration.ofHours(73)); // dispatch.horizon = 72h
            awaitStatus(id, "abandoned");
        } finally {
            sms.setDown(false);
            clock.advance(Duration.ofMinutes(10)); // past the pause
        }
        assertThat(row(id).attempts()).as("the provider's failures spend no attempt").isZero();
        assertThat(row(id).lastError()).isEqualTo("horizon");
        awaitCounted(before + 1, "sms", "password_changed_notice", "horizon");
    }

    @Test
    void aBacklogOfFailingMessagesDoesNotHoldBackANewCode() {
        String failing = StoreApi.newPhone();
        String rejected = StoreApi.newPhone();
        // A slow provider refusing a number: each try holds a worker for 150 ms.
        sms.refuse(failing, 409, Duration.ofMillis(150));
        sms.refuse(rejected, 422, Duration.ofMillis(150));
        try {
            transaction.executeWithoutResult(s -> {
                for (int i = 0; i < 100; i++) {
                    notifications.enqueue(Channel.SMS, failing, "password_changed_notice", Map.of("customer", Map.of()));
                }
                for (int i = 0; i < 10; i++) {
                    notifications.enqueue(Channel.SMS, rejected, "phone_verification",
                            Map.of("code", "9000" + i, "expires_in_minutes", 15));
                }
            });
            await(() -> jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE recipient = :r AND status = 'retrying'")
                    .param("r", failing).query(Integer.class).single() == 100, "100 refused once", Duration.ofSeconds(30));
            // All 100 due again at once, in five batches of 20 that take 3 s each: enough to keep every worker busy.
            clock.advance(Duration.ofMinutes(6));
            // Every worker that may retry holds a batch of them (3 s each).
            await(() -> jdbc.sql("""
                    SELECT COUNT(DISTINCT claim_token) FROM notification_outbox WHERE recipient = :r AND claimed_until IS NOT NULL""")
                    .param("r", failing).query(Integer.class).single() >= 3, "the retries under way");
            String phone = StoreApi.newPhone();
            long start = System.nanoTime();
            transaction.executeWithoutResult(s -> notifications.enqueue(Channel.SMS, phone, "phone_verification",
                    Map.of("code", "246810", "expires_in_minutes", 15)));
            assertThat(sms.awaitMessage(phone, 1).message()).contains("246810");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.println("A new code behind 100 failing retries arrived in " + took.toMillis() + " ms");
            assertThat(took).as("a new code behind a backlog of 100 failing retries").isLessThan(Duration.ofSeconds(2));
            assertThat(jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE recipient = :r").param("r", rejected)
                    .query(Integer.class).single()).as("the 422s are gone at their first try").isZero();
        } finally { // the backlog would slow the tests after this one
            clock.advance(Duration.ZERO); // waits for the batches in flight
            jdbc.sql("DELETE FROM notification_outbox WHERE recipient = :r").param("r", failing).update();
        }
    }

    @Test
    void forgettingARecipientErasesItFromMessagesItHasRefused() {
        String phone = StoreApi.newPhone();
        sms.refuse(phone, 409, Duration.ZERO);
        double before = abandoned("sms", "password_changed_notice", "forgotten");
        String id = transaction.execute(s -> {
            notifications.enqueue(Channel.SMS, phone, "password_changed_notice", Map.of("customer", Map.of()));
            return idOf(phone);
        });
        await(() -> "retrying".equals(row(id).status()) && row(id).claimed() == null, "the first refusal");

        transaction.executeWithoutResult(s -> notifications.forgetRecipient(phone)); // the account deletion's erasure

        var row = row(id);
        assertThat(row.status()).isEqualTo("abandoned");
        assertThat(row.recipient()).isEqualTo("erased");
        assertThat(row.payload()).isNull();
        awaitCounted(before + 1, "sms", "password_changed_notice", "forgotten");
    }

    record Row(String status, String recipient, String payload, int attempts, String lastError, Object claimed) {
    }

    private Row row(String id) {
        return jdbc.sql("SELECT status, recipient, payload, attempts, last_error, claimed_until FROM notification_outbox WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                        rs.getObject(6)))
                .single();
    }

    /** The id of the one message queued to {@code recipient}, read in the transaction that queued it. */
    private String idOf(String recipient) {
        return jdbc.sql("SELECT id FROM notification_outbox WHERE recipient = :r").param("r", recipient).query(String.class).single();
    }

    private double abandoned(String channel, String purpose, String reason) {
        var counter = meters.find("customer_registration.notifications.abandoned").tag("channel", channel)
                .tag("purpose", purpose).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    /** The counter moves just after the row does: waited for, not read at once. */
    private void awaitCounted(double count, String channel, String purpose, String reason) {
        await(() -> abandoned(channel, purpose, reason) == count, count + " abandoned (" + reason + ")");
    }

    private void awaitStatus(String id, String status) {
        await(() -> status.equals(row(id).status()), "status " + status);
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) {
        await(condition, what, Duration.ofSeconds(15));
    }

    private static void await(java.util.function.BooleanSupplier condition, String what, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("Timed out waiting for " + what);
    }
}
