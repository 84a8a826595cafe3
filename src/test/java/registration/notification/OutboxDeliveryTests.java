package registration.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;

import registration.config.DbTime;
import registration.support.HttpTest;
import registration.support.Mailbox;
import registration.support.SmsInbox;
import registration.support.StoreApi;
import registration.support.TestClock;
import registration.support.TestServices;

/**
 * The outbox contract, against the real SMTP server and SMS webhook: a message exists if and only if its
 * transaction commits, is delivered promptly, survives a provider outage and is delivered exactly once.
 * (The HTTP flows that send codes are proven in their features' HttpTests.)
 */
@HttpTest
class OutboxDeliveryTests {

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
    JavaMailSender mail;

    @Test
    void deliversACommittedEmailOnceAndErasesItsPayload() {
        String email = StoreApi.newEmail();
        transaction.executeWithoutResult(s -> notifications.enqueue(Channel.EMAIL, email, "email_verification",
                Map.of("code", "493817", "expires_in_minutes", 15, "customer", Map.of("first_name", "Ada"))));

        var message = mailbox.awaitMessage(email, 1);
        assertThat(Mailbox.subject(message)).isEqualTo("Verify your email");
        assertThat(Mailbox.body(message)).startsWith("Hello,").contains("code: 493817").contains("15 minutes");
        awaitStatus(email, "sent");
        assertThat(jdbc.sql("SELECT payload FROM notification_outbox WHERE recipient = :r").param("r", email)
                .query(String.class).optional()).isEmpty();
        assertThat(mailbox.messagesFor(email)).hasSize(1);
    }

    @Test
    void parallelWorkersDeliverEachOfManyMessagesExactlyOnce() throws Exception {
        String phone = StoreApi.newPhone();
        transaction.executeWithoutResult(s -> enqueueCodes(Channel.SMS, phone, 60));
        sms.awaitMessage(phone, 60);
        Thread.sleep(1500); // further dispatch rounds must not send any of them again
        assertThat(sms.messagesFor(phone)).hasSize(60);
        assertThat(sms.messagesFor(phone).stream().map(SmsInbox.Sms::message).distinct()).hasSize(60);
    }

    @Test
    void aWorkerSkipsAMessageAnotherIsLeasingInsteadOfWaitingForIt() throws Exception {
        String phone = StoreApi.newPhone();
        // Committed, but due only in ten minutes: out of the dispatchers' reach until the clock moves.
        transaction.executeWithoutResult(s -> {
            enqueueCodes(Channel.SMS, phone, 5);
            jdbc.sql("UPDATE notification_outbox SET next_attempt_at = :later WHERE recipient = :r")
                    .param("later", DbTime.of(clock.instant().plus(Duration.ofMinutes(10)))).param("r", phone).update();
        });
        // Another lessee holds the oldest row, as a worker of another instance does in the middle of its lease.
        // (By id: H2 would lock every row an ORDER BY ... LIMIT 1 FOR UPDATE reads.)
        String oldest = jdbc.sql("SELECT id FROM notification_outbox WHERE recipient = :r ORDER BY next_attempt_at, id LIMIT 1")
                .param("r", phone).query(String.class).single();
        var locked = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        Thread lessee = new Thread(() -> transaction.executeWithoutResult(s -> {
            jdbc.sql("SELECT id FROM notification_outbox WHERE id = :id FOR UPDATE").param("id", oldest).query(String.class).single();
            locked.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        lessee.start();
        try {
            assertThat(locked.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            clock.advance(Duration.ofMinutes(11));
            sms.awaitMessage(phone, 4); // the other four go out while the first is held
        } finally {
            release.countDown();
            lessee.join();
        }
        sms.awaitMessage(phone, 5);
        Thread.sleep(1500); // further dispatch rounds must not send any of them again
        assertThat(sms.messagesFor(phone).stream().map(SmsInbox.Sms::message).distinct()).hasSize(5);
        assertThat(sms.messagesFor(phone)).hasSize(5);
    }

    @Test
    void aBurstOfEmailsGoesOutInBatchesEachExactlyOnce() throws Exception {
        String email = StoreApi.newEmail();
        // more than two batches of dispatch.batch-size (20)
        transaction.executeWithoutResult(s -> enqueueCodes(Channel.EMAIL, email, 45));
        mailbox.awaitMessage(email, 45);
        await(() -> jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE recipient = :r AND status = 'sent' AND attempts = 1")
                .param("r", email).query(Integer.class).single() == 45, "45 sent at the first attempt");
        Thread.sleep(1500); // further dispatch rounds must not send any of them again
        assertThat(mailbox.messagesFor(email)).hasSize(45);
        assertThat(mailbox.messagesFor(email).stream().map(Mailbox::body).distinct()).hasSize(45);
        assertThat(((JavaMailSenderImpl) mail).getJavaMailProperties()).as("a hung server cannot hold a batch forever")
                .containsEntry("mail.smtp.timeout", "10000").containsEntry("mail.smtp.connectiontimeout", "10000")
                .as("no write timeout: Angus Mail would start a thread for every connection")
                .doesNotContainKey("mail.smtp.writetimeout");
        assertThat(System.getProperty("jakarta.mail.util.StreamProvider")).as("no ServiceLoader scan per message part")
                .isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
    }

    @Test
    void aMessageThatCannotBeReadDoesNotHoldBackTheOthers() {
        String email = StoreApi.newEmail();
        String unreadable = "msg_unreadable_" + System.nanoTime();
        byte[] sealedUnderAnotherSecret = new byte[64];
        new SecureRandom().nextBytes(sealedUnderAnotherSecret);
        try {
            transaction.executeWithoutResult(s -> {
                jdbc.sql("""
                        INSERT INTO notification_outbox (id, channel, recipient, purpose, payload, status, attempts, next_attempt_at, created_at)
                        VALUES (:id, 'EMAIL', :recipient, 'email_verification', :payload, 'pending', 0, :now, :now)""")
                        .param("id", unreadable).param("recipient", email)
                        .param("payload", Base64.getEncoder().encodeToString(sealedUnderAnotherSecret))
                        .param("now", DbTime.of(clock.instant())).update();
                notifications.enqueue(Channel.EMAIL, email, "email_verification", Map.of("code", "918273"));
            });

            assertThat(Mailbox.body(mailbox.awaitMessage(email, 1))).contains("918273");
            assertThat(jdbc.sql("SELECT status FROM notification_outbox WHERE id = :id").param("id", unreadable)
                    .query(String.class).single()).isEqualTo("pending");
        } finally { // a row leased for good would make every TestClock.advance wait for it
            jdbc.sql("DELETE FROM notification_outbox WHERE id = :id").param("id", unreadable).update();
        }
    }

    @Test
    void sendsNothingWhenTheTransactionRollsBack() {
        String email = StoreApi.newEmail();
        transaction.executeWithoutResult(s -> {
            notifications.enqueue(Channel.EMAIL, email, "email_verification", Map.of("code", "111111"));
            s.setRollbackOnly();
        });
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE recipient = :r").param("r", email)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void keepsTheCodeEncryptedWhileTheMessageWaits() {
        String phone = StoreApi.newPhone();
        sms.setDown(true);
        try {
            transaction.executeWithoutResult(s -> notifications.enqueue(Channel.SMS, phone, "phone_verification",
                    Map.of("code", "736251", "expires_in_minutes", 15)));
            String payload = jdbc.sql("SELECT payload FROM notification_outbox WHERE recipient = :r").param("r", phone)
                    .query(String.class).single();
            assertThat(payload).doesNotContain("736251");
        } finally {
            sms.setDown(false);
        }
        sms.awaitMessage(phone, 1);
    }

    @Test
    void anOutageOfTheSmsProviderPausesTheChannelSpendsNoAttemptAndDeliversExactlyOnceWhenItIsBack() throws Exception {
        String phone = StoreApi.newPhone();
        clock.advance(Duration.ofMinutes(10)); // past any pause an earlier test left
        sms.setDown(true);
        try {
            int before = sms.downAnswers();
            transaction.executeWithoutResult(s -> {
                for (int i = 0; i < 5; i++) {
                    notifications.enqueue(Channel.SMS, phone, "phone_verification",
                            Map.of("code", "58204" + i, "expires_in_minutes", 15));
                }
            });
            await(() -> sms.downAnswers() > before, "the provider's 503");
            await(() -> jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE recipient = :r AND last_error IS NOT NULL")
                    .param("r", phone).query(Integer.class).single() == 5, "all five released");
            // 1, or 2 if the first pause (1 s) ran out while we looked: 5 if each message had been tried.
            assertThat(sms.downAnswers() - before).as("the rest of the batch is not tried once the provider failed")
                    .isLessThanOrEqualTo(2);
            for (int round = 0; round < 3; round++) { // the pause runs out, the provider fails again
                int seen = sms.downAnswers();
                clock.advance(Duration.ofMinutes(1)); // past the pause (1 s, 2 s, 4 s, …), not past the codes' 15 minutes
                await(() -> sms.downAnswers() > seen, "another try after the pause");
            }
            await(() -> jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE recipient = :r AND claimed_until IS NULL")
                    .param("r", phone).query(Integer.class).single() == 5, "all five released");
            assertThat(jdbc.sql("SELECT status, attempts FROM notification_outbox WHERE recipient = :r").param("r", phone)
                    .query((rs, n) -> rs.getString(1) + "/" + rs.getInt(2)).list())
                    .as("an outage spends no attempt of any message").containsOnly("pending/0");
            assertThat(sms.messagesFor(phone)).isEmpty();
        } finally {
            sms.setDown(false);
        }
        clock.advance(Duration.ofMinutes(2)); // past any pause
        sms.awaitMessage(phone, 5);
        await(() -> jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE recipient = :r AND status = 'sent' AND attempts = 1")
                .param("r", phone).query(Integer.class).single() == 5, "five sent at their first counted attempt");
        assertThat(sms.messagesFor(phone).stream().map(SmsInbox.Sms::message).distinct()).hasSize(5);
        assertThat(sms.messagesFor(phone).get(0).purpose()).isEqualTo("phone_verification");
    }

    @Test
    void aForgottenRecipientLeavesNoTraceOnceItsWaitingMessageIsDelivered() throws Exception {
        String phone = StoreApi.newPhone();
        transaction.executeWithoutResult(s -> notifications.enqueue(Channel.SMS, phone, "phone_verification",
                Map.of("code", "100200", "expires_in_minutes", 15)));
        sms.awaitMessage(phone, 1);
        awaitStatus(phone, "sent");
        sms.setDown(true);
        try {
            transaction.executeWithoutResult(s -> notifications.enqueue(Channel.SMS, phone, "phone_verification",
                    Map.of("code", "300400", "expires_in_minutes", 15)));
            await(() -> jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE recipient = :r AND status = 'pending' AND last_error IS NOT NULL")
                    .param("r", phone).query(Integer.class).single() == 1, "a failed try");
            transaction.executeWithoutResult(s -> notifications.forgetRecipient(phone));
            assertThat(jdbc.sql("SELECT status FROM notification_outbox WHERE recipient = :r").param("r", phone)
                    .query(String.class).list()).containsExactly("pending");
        } finally {
            sms.setDown(false);
        }
        clock.advance(Duration.ofMinutes(10)); // past any backoff
        assertThat(sms.awaitMessage(phone, 2).message()).contains("300400");
        await(() -> jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE recipient = :r").param("r", phone)
                .query(Integer.class).single() == 0, "the address erased");
    }

    @Test
    void signsTheWebhookBodyWithTheConfiguredSecret() throws Exception {
        String phone = StoreApi.newPhone();
        transaction.executeWithoutResult(s -> notifications.enqueue(Channel.SMS, phone, "phone_verification",
                Map.of("code", "204981", "expires_in_minutes", 15)));
        SmsInbox.Sms delivered = sms.awaitMessage(phone, 1);

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(TestServices.SMS_WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(delivered.rawBody().getBytes(StandardCharsets.UTF_8)));
        assertThat(delivered.headers().get("X-signature")).containsExactly(expected);
        assertThat(delivered.headers()).as("plain HTTP/1.1, no h2c upgrade").doesNotContainKeys("Upgrade", "Http2-settings");
    }

    /** Queues {@code count} verification messages, with codes 000000, 000001, … so that each is told apart. */
    private void enqueueCodes(Channel channel, String recipient, int count) {
        String purpose = channel == Channel.SMS ? "phone_verification" : "email_verification";
        for (int i = 0; i < count; i++) {
            notifications.enqueue(channel, recipient, purpose, Map.of("code", String.format("%06d", i)));
        }
    }

    private void awaitStatus(String recipient, String status) {
        await(() -> status.equals(jdbc.sql("SELECT status FROM notification_outbox WHERE recipient = :r")
                .param("r", recipient).query(String.class).single()), "status " + status);
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("Timed out waiting for " + what);
    }
}
