package registration.notification;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the leases this instance's workers are sending alive: every third of {@code dispatch.lease} it extends each
 * one still held by another lease length. So a lease can be short (a dead instance's batch is taken over within
 * seconds, not a minute) without running out under a slow provider while the batch is being sent. Only the
 * messages of a lease that are neither sent nor released are extended ({@link Outbox#renew}).
 */
final class LeaseRenewal {

    private static final Logger log = LoggerFactory.getLogger(LeaseRenewal.class);

    private record Held(String token, List<String> ids) {
    }

    private final Outbox outbox;
    private final Duration lease;
    private final Clock clock;
    private final Set<Held> held = ConcurrentHashMap.newKeySet();
    private volatile Thread thread;

    LeaseRenewal(Outbox outbox, Duration lease, Clock clock) {
        this.outbox = outbox;
        this.lease = lease;
        this.clock = clock;
    }

    /** A lease being renewed; closing it stops the renewal. */
    interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    /** Renews {@code messages} (all leased under one token) until the returned handle is closed. */
    Hold hold(List<OutboxMessage> messages) {
        if (messages.isEmpty()) {
            return () -> { };
        }
        Held lease = new Held(messages.get(0).claimToken(), messages.stream().map(OutboxMessage::id).toList());
        held.add(lease);
        return () -> held.remove(lease);
    }

    void start() {
        Thread t = new Thread(this::loop, "outbox-lease-renewal");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    void stop() {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    private void loop() {
        Duration every = lease.dividedBy(3);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(Math.max(50, every.toMillis()));
                for (Held lease : held) {
                    outbox.renew(lease.token(), lease.ids(), clock.instant().plus(this.lease));
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The database is away: the lease may run out and another instance take the batch over.
                log.warn("Could not renew outbox leases: {}", e.getClass().getName());
            }
        }
    }
}
