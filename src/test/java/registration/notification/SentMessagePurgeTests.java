package registration.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import registration.config.DbTime;
import registration.support.HttpTest;
import registration.support.TestClock;

/** Delivered messages go a week after sending; younger ones and every undelivered one stay. */
@HttpTest
class SentMessagePurgeTests {

    @Autowired
    SentMessagePurge purge;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;

    @Test
    void deletesMessagesAWeekAfterSendingAndKeepsUndeliveredOnes() {
        Instant weekAgo = clock.instant().minus(SentMessagePurge.KEPT_AFTER_SENDING);
        String tag = "msg_purge_" + System.nanoTime();
        String old = insert(tag + "_old", "sent", weekAgo.minusSeconds(60));
        String recent = insert(tag + "_recent", "sent", weekAgo.plusSeconds(60));
        // Undelivered for longer than a week (its provider keeps failing): it must still go out.
        String pending = insert(tag + "_pending", "pending", null);
        try {
            assertThat(purge.purge()).isGreaterThanOrEqualTo(1);

            assertThat(exists(old)).isFalse();
            assertThat(exists(recent)).isTrue();
            assertThat(exists(pending)).isTrue();
        } finally { // once a test moves the clock a day on, the bodiless pending row would be leased for good
            jdbc.sql("DELETE FROM notification_outbox WHERE id LIKE :tag").param("tag", tag + "%").update();
        }
    }

    private String insert(String id, String status, Instant sentAt) {
        Instant longAgo = clock.instant().minus(Duration.ofDays(30));
        jdbc.sql("""
                INSERT INTO notification_outbox (id, channel, recipient, purpose, payload, status, attempts, next_attempt_at,
                                                 created_at, sent_at)
                VALUES (:id, 'EMAIL', 'purge@example.com', 'email_verification', NULL, :status, 3, :nextAttempt,
                        :createdAt, :sentAt)""")
                .param("id", id).param("status", status)
                .param("nextAttempt", DbTime.of(clock.instant().plus(Duration.ofDays(1)))) // not due: no delivery now
                .param("createdAt", DbTime.of(longAgo))
                .param("sentAt", sentAt == null ? null : DbTime.of(sentAt))
                .update();
        return id;
    }

    private boolean exists(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE id = :id").param("id", id)
                .query(Integer.class).single() == 1;
    }
}
