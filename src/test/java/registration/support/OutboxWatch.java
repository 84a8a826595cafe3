package registration.support;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The notification outbox as a test sees it, for asserting that nothing (more) was sent. Every message is a row
 * written in the transaction of the request that caused it, so once the answer is in, waiting until no row for
 * the address is due or being sent means every message it will get has been delivered: an assertion that its
 * inbox is empty then fails when something was queued, instead of passing because delivery is slow.
 */
@TestComponent
public class OutboxWatch {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final JdbcClient jdbc;
    private final Clock clock;

    OutboxWatch(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Waits (up to 10 s) until no message to any of {@code recipients} is due or leased: each is sent, given up,
     * or waiting for a later attempt.
     */
    public void awaitNothingDueFor(String... recipients) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (due(List.of(recipients)) > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Messages to " + List.of(recipients) + " still due after " + PATIENCE);
            }
            Mailbox.sleep();
        }
    }

    private int due(List<String> recipients) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM notification_outbox
                WHERE recipient IN (:recipients) AND status IN ('pending', 'retrying') AND next_attempt_at <= :now""")
                .param("recipients", recipients).param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .query(Integer.class).single();
    }
}
