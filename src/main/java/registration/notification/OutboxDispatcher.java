package registration.notification;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox: on every instance a few background workers ({@code dispatch.threads}), woken by new
 * messages and polling for due retries. A worker leases a batch of due messages ({@code dispatch.batch-size})
 * that no other worker is leasing ({@link Outbox#leaseDue}), so instances never send the same message while a
 * lease runs, sends it (mail over one SMTP connection), and marks the delivered ones sent in one statement; a
 * failed message is released with exponential backoff, so nothing is lost. (A crash between the provider's
 * acceptance and {@code markSent} re-sends the batch once the lease expires: at least once.)
 * The only class that talks to SMTP, SMS providers and webhooks.
 */
@Component
@Profile("!create-admin")
class OutboxDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final Outbox outbox;
    private final Senders senders;
    private final DispatchSignal signal;
    private final NotificationSettings.Dispatch settings;
    private final Clock clock;
    private final List<Thread> workers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean running;

    OutboxDispatcher(Outbox outbox, Senders senders, DispatchSignal signal, NotificationSettings settings, Clock clock) {
        this.outbox = outbox;
        this.senders = senders;
        this.signal = signal;
        this.settings = settings.dispatch();
        this.clock = clock;
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < settings.threads(); i++) {
            Thread t = new Thread(this::loop, "outbox-dispatcher-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    @Override
    public void stop() {
        running = false;
        workers.forEach(Thread::interrupt);
        workers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            try {
                dispatchDue();
                signal.await(settings.pollInterval());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Outbox dispatch round failed; retrying next round: {}", e.toString());
                sleepQuietly();
            }
        }
    }

    /** Sends every due message, batch after batch, until none is left. */
    void dispatchDue() {
        Outbox.Lease lease;
        do {
            lease = outbox.leaseDue(settings.batchSize(), settings.lease());
            deliver(lease.messages());
        } while (lease.size() == settings.batchSize());
    }

    private void deliver(List<OutboxMessage> leased) {
        Map<Channel, List<OutboxMessage>> byChannel = leased.stream()
                .collect(Collectors.groupingBy(OutboxMessage::channel, () -> new EnumMap<>(Channel.class), Collectors.toList()));
        byChannel.forEach((channel, messages) -> {
            Map<OutboxMessage, Exception> failed = senders.of(channel).sendAll(messages);
            outbox.markSent(messages.stream().filter(m -> !failed.containsKey(m)).toList());
            failed.forEach(this::releaseForRetry);
        });
    }

    private void releaseForRetry(OutboxMessage message, Exception e) {
        Duration backoff = backoff(message.attempts());
        log.warn("Could not deliver {} (attempt {}), retrying in {}: {}", message, message.attempts() + 1, backoff,
                e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        outbox.markFailed(message, clock.instant().plus(backoff), e.getClass().getSimpleName());
    }

    private Duration backoff(int attempts) {
        Duration d = settings.minBackoff().multipliedBy(1L << Math.min(attempts, 20));
        return d.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : d;
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(settings.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
