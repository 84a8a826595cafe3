package registration.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import registration.config.DbTime;
import registration.support.HttpTest;
import registration.support.TestClock;
import registration.support.TestServices;

/**
 * What one lease costs PostgreSQL when a backlog has built up that its statistics have not seen: the usual case
 * after a provider outage or a burst, since between bursts the table holds sent messages and hardly any pending.
 */
@HttpTest
class OutboxLeaseQueryTests {

    @Autowired
    Outbox outbox;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    TestClock clock;

    @Test
    void aLeaseReadsOneBatchOfABacklogTheStatisticsHaveNotSeen() {
        assumeTrue(TestServices.onPostgres(), "PostgreSQL's planner (H2 reads every due row of a FOR UPDATE query)");
        // Due only a century from now, so that no dispatcher of this test run leases them.
        Instant leaseTime = clock.instant().plus(Duration.ofDays(36_500));
        String prefix = "msg_plan_" + System.nanoTime() + "_";
        try {
            insert(prefix + "sent_", 2_000, "sent", leaseTime.minus(Duration.ofDays(2)));
            jdbc.sql("ANALYZE notification_outbox").update(); // statistics: nothing of ours pending
            insert(prefix + "due_", 5_000, "pending", leaseTime.minus(Duration.ofDays(1)));

            record Lease(int locked, long rowsRead) {
            }
            Lease lease = transaction.execute(status -> {
                status.setRollbackOnly(); // the locks go with the rollback
                long before = rowsReadSoFar();
                int locked = outbox.lockDue(leaseTime, 20).size();
                return new Lease(locked, rowsReadSoFar() - before);
            });

            assertThat(lease.locked()).isEqualTo(20);
            assertThat(lease.rowsRead()).as("rows read for one batch of 20 out of 5,000 due").isLessThanOrEqualTo(200);
        } finally {
            jdbc.sql("DELETE FROM notification_outbox WHERE id LIKE :prefix").param("prefix", prefix + "%").update();
        }
    }

    /**
     * Rows of the table this connection has read by index or by scanning it, not yet reported to the statistics
     * collector: PostgreSQL reports between transactions, so within one the difference is what happened in it.
     */
    private long rowsReadSoFar() {
        return jdbc.sql("SELECT seq_tup_read + idx_tup_fetch FROM pg_stat_xact_user_tables WHERE relname = 'notification_outbox'")
                .query(Long.class).single();
    }

    private void insert(String idPrefix, int count, String status, Instant from) {
        jdbc.sql("""
                INSERT INTO notification_outbox (id, channel, recipient, purpose, payload, status, attempts, next_attempt_at, created_at)
                SELECT :prefix || g, 'EMAIL', 'plan@example.com', 'email_verification', NULL, :status, 0,
                       :from + g * INTERVAL '1 millisecond', :from
                FROM generate_series(1, :count) g""")
                .param("prefix", idPrefix).param("status", status).param("from", DbTime.of(from)).param("count", count)
                .update();
    }
}
