package registration.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The application's clock in tests: real time plus an offset the test can move forward (never back, so
 * that tests sharing one application context do not disturb each other's tokens beyond what they advance).
 * <p>
 * Time jumps only between deliveries: a jump past the outbox lease while a message is being sent would let a
 * second dispatch worker take the lease as expired and send it again — something real time never does (a
 * send is bounded far below the lease), so {@link #advance} first waits for in-flight sends to finish.
 */
@TestComponent
@Primary
public class TestClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private final ObjectProvider<JdbcClient> jdbc;

    TestClock(ObjectProvider<JdbcClient> jdbc) {
        this.jdbc = jdbc;
    }

    /** A clock for tests of pure code, outside any application context (no deliveries to wait for). */
    public static TestClock standalone() {
        return new TestClock(null);
    }

    public void advance(Duration duration) {
        awaitNoSendInFlight();
        offset.updateAndGet(d -> d.plus(duration));
    }

    private void awaitNoSendInFlight() {
        JdbcClient db = jdbc == null ? null : jdbc.getIfAvailable();
        if (db == null) {
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline && db.sql("""
                SELECT COUNT(*) FROM notification_outbox WHERE status IN ('pending', 'retrying') AND claimed_until IS NOT NULL""")
                .query(Integer.class).single() > 0) {
            Mailbox.sleep();
        }
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
