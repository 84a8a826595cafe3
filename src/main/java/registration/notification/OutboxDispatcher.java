package registration.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * lease runs, sends it (mail over one SMTP connection), and marks each message sent as soon as its provider
 * accepted it. Leases are short and renewed while the batch is being sent ({@link LeaseRenewal}), so after a crash
 * another instance takes the rest of the batch over within a lease (seconds), and only the message that was on
 * the wire may go out twice (at least once; providers get the message id as an idempotency key where they take
 * one). The only class that talks to SMTP, SMS providers and webhooks.
 * <p>
 * Giving up (SPEC §11 "Delivery"): a message its recipient can never receive is abandoned at once; one refused
 * for a reason that may pass is retried with backoff, up to {@code dispatch.attempts}; a failure of the provider
 * itself pauses that channel on this instance with backoff and spends no attempt (the messages are postponed
 * in the shared table, so other instances do not retry them early either). A message carrying a code is
 * abandoned when its code expires, a notice or event after {@code dispatch.horizon}. Abandoned rows lose their
 * recipient and payload and are counted ({@link DeliveryMetrics}). Retries are leased after every due first
 * attempt, and one worker sends first attempts only, so failing messages never hold back a new code.
 */
@Component
@Profile("!create-admin & !import-medusa") // one-shot commands leave delivery to the running service
class OutboxDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final Outbox outbox;
    private final Senders senders;
    private final DispatchSignal signal;
    private final NotificationSettings.Dispatch settings;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final LeaseRenewal renewal;
    private final List<Thread> workers = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Channels whose provider failed, on this instance: how many times in a row, and until when they rest. */
    private final Map<Channel, Pause> pauses = new EnumMap<>(Channel.class);
    private volatile boolean running;

    private record Pause(int failures, Instant until) {
    }

    OutboxDispatcher(Outbox outbox, Senders senders, DispatchSignal signal, NotificationSettings settings,
                     DeliveryMetrics metrics, Clock clock) {
        this.outbox = outbox;
        this.senders = senders;
        this.signal = signal;
        this.settings = settings.dispatch();
        this.metrics = metrics;
        this.clock = clock;
        this.renewal = new LeaseRenewal(outbox, this.settings.lease(), clock);
    }

    @Override
    public void start() {
        running = true;
        renewal.start();
        for (int i = 0; i < settings.threads(); i++) {
            boolean firstAttemptsOnly = i == 0 && settings.threads() > 1;
            Thread t = new Thread(() -> loop(firstAttemptsOnly), "outbox-dispatcher-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    @Override
    public void stop() {
        running = false;
        renewal.stop();
        workers.forEach(Thread::interrupt);
        workers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop(boolean firstAttemptsOnly) {
        while (running) {
            try {
                dispatchDue(!firstAttemptsOnly);
                signal.await(settings.pollInterval(), firstAttemptsOnly);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // Only the class: a database error may quote a row's values, the address among them.
                log.warn("Outbox dispatch round failed; retrying next round: {}", e.getClass().getName());
                sleepQuietly();
            }
        }
    }

    /** Sends every due message, batch after batch, until none is left. */
    void dispatchDue() {
        dispatchDue(true);
    }

    private void dispatchDue(boolean withRetries) {
        Outbox.Lease lease;
        do {
            lease = outbox.leaseDue(settings.batchSize(), settings.lease(), withRetries);
            try (LeaseRenewal.Hold held = renewal.hold(lease.messages())) {
                deliver(lease.messages());
            }
        } while (lease.size() == settings.batchSize());
    }

    private void deliver(List<OutboxMessage> leased) {
        Instant now = clock.instant();
        List<OutboxMessage> live = new ArrayList<>();
        for (OutboxMessage message : leased) {
            String dead = deadReason(message, now);
            if (dead != null) {
                abandon(message, dead, null);
            } else {
                live.add(message);
            }
        }
        Map<Channel, List<OutboxMessage>> byChannel = live.stream()
                .collect(Collectors.groupingBy(OutboxMessage::channel, () -> new EnumMap<>(Channel.class), Collectors.toList()));
        byChannel.forEach((channel, messages) -> {
            Instant pausedUntil = pausedUntil(channel, now);
            if (pausedUntil != null) { // not tried: the provider failed a moment ago
                postpone(messages, pausedUntil, "channel paused");
                return;
            }
            deliver(channel, messages);
        });
    }

    private void deliver(Channel channel, List<OutboxMessage> messages) {
        // Marked sent the moment the provider took it: a crash mid-batch re-sends at most the message on the wire.
        Map<OutboxMessage, Exception> failed = senders.of(channel).sendAll(messages, m -> outbox.markSent(List.of(m)));
        List<OutboxMessage> sent = messages.stream().filter(m -> !failed.containsKey(m)).toList();
        Instant now = clock.instant();
        List<OutboxMessage> providerFailed = new ArrayList<>();
        SendFailure providerFailure = null;
        List<OutboxMessage> interrupted = new ArrayList<>();
        for (Map.Entry<OutboxMessage, Exception> entry : failed.entrySet()) {
            OutboxMessage message = entry.getKey();
            if (entry.getValue() instanceof InterruptedException) {
                interrupted.add(message);
                continue;
            }
            SendFailure failure = SendFailure.of(entry.getValue());
            switch (failure.kind()) {
                case REJECTED -> abandon(message, "rejected", failure);
                case RECIPIENT_TEMPORARY -> retryOrAbandon(message, failure, now);
                case PROVIDER -> {
                    providerFailed.add(message);
                    providerFailure = failure;
                }
            }
        }
        if (!interrupted.isEmpty()) { // shutting down: released at once, nothing spent
            outbox.postpone(interrupted, now, "interrupted");
        }
        if (providerFailure != null) {
            Instant until = pause(channel, now, providerFailure);
            postpone(providerFailed, until, providerFailure.getMessage());
        } else if (!sent.isEmpty() && (resume(channel) | sent.stream().anyMatch(OutboxMessage::postponed))) {
            // The provider is back (after failing here, or on another instance that postponed these): what its
            // outage postponed goes out now, batch by batch at the workers' pace, instead of each message at the end
            // of the backoff of the instance that postponed it (up to max-backoff after a long outage).
            int due = outbox.makeWaitingDue(channel, now);
            if (due > 0) {
                log.info("{} provider answers again: {} waiting message(s) are due now", channel, due);
                signal.wake();
            }
        }
    }

    /** Why a leased message must not be tried at all any more, or null. */
    private String deadReason(OutboxMessage message, Instant now) {
        if (message.forgotten() && message.attempts() > 0) {
            return "forgotten"; // its recipient was erased and has refused it before: it keeps no address any longer
        }
        Instant deadline = deadline(message);
        if (!now.isBefore(deadline)) {
            return message.expiresAt() != null ? "expired" : "horizon";
        }
        return null;
    }

    /** When its code expires; for a notice or an event, the end of the retry horizon. */
    private Instant deadline(OutboxMessage message) {
        return message.expiresAt() != null ? message.expiresAt() : message.createdAt().plus(settings.horizon());
    }

    private void retryOrAbandon(OutboxMessage message, SendFailure failure, Instant now) {
        int attempts = message.attempts() + 1;
        if (attempts >= settings.attempts()) {
            abandon(message, "attempts", failure);
            return;
        }
        Instant retryAt = now.plus(backoff(message.attempts()));
        if (!retryAt.isBefore(deadline(message))) { // the next try would come too late to matter
            abandon(message, message.expiresAt() != null ? "expired" : "horizon", failure);
            return;
        }
        log.info("Could not deliver {} (attempt {}): {}; retrying at {}", message, attempts, failure.getMessage(), retryAt);
        outbox.markFailed(message, retryAt, failure.getMessage());
    }

    private void postpone(List<OutboxMessage> messages, Instant until, String why) {
        List<OutboxMessage> kept = new ArrayList<>();
        for (OutboxMessage message : messages) {
            if (until.isBefore(deadline(message))) {
                kept.add(message);
            } else {
                abandon(message, message.expiresAt() != null ? "expired" : "horizon", null);
            }
        }
        if (!kept.isEmpty()) {
            outbox.postpone(kept, until, why);
        }
    }

    private void abandon(OutboxMessage message, String reason, SendFailure failure) {
        if (outbox.abandon(message, failure == null ? reason : reason + ": " + failure.getMessage(),
                failure != null && failure.kind() != SendFailure.Kind.PROVIDER)) {
            log.warn("Abandoned {} after {} attempt(s): {}{}", message, message.attempts() + (failure == null ? 0 : 1),
                    reason, failure == null ? "" : " (" + failure.getMessage() + ")");
            metrics.abandoned(message.channel(), message.purpose(), reason);
        }
    }

    private synchronized Instant pausedUntil(Channel channel, Instant now) {
        Pause pause = pauses.get(channel);
        return pause != null && now.isBefore(pause.until()) ? pause.until() : null;
    }

    /**
     * Pauses {@code channel} after its provider failed: for {@code min-backoff}, doubled at each failure in a
     * row up to {@code max-backoff}. Workers that fail while it is paused already do not lengthen it. A success
     * ends the series, and so does a quiet spell of {@code max-backoff} after the last pause.
     */
    private synchronized Instant pause(Channel channel, Instant now, SendFailure failure) {
        Pause pause = pauses.get(channel);
        if (pause != null && now.isBefore(pause.until())) {
            return pause.until();
        }
        boolean inARow = pause != null && now.isBefore(pause.until().plus(settings.maxBackoff()));
        int failures = inARow ? pause.failures() : 0;
        Instant until = now.plus(backoff(failures));
        pauses.put(channel, new Pause(failures + 1, until));
        log.warn("{} provider failed ({}); pausing {} delivery until {}", channel, failure.getMessage(), channel, until);
        return until;
    }

    /** The channels whose provider failed on this instance and that rest until the given time (for health). */
    synchronized Map<Channel, Instant> pausedChannels() {
        Instant now = clock.instant();
        Map<Channel, Instant> paused = new EnumMap<>(Channel.class);
        pauses.forEach((channel, pause) -> {
            if (now.isBefore(pause.until())) {
                paused.put(channel, pause.until());
            }
        });
        return paused;
    }

    /** Ends the channel's series of failures; true when there was one. */
    private synchronized boolean resume(Channel channel) {
        return pauses.remove(channel) != null;
    }

    private Duration backoff(int failures) {
        Duration d = settings.minBackoff().multipliedBy(1L << Math.min(failures, 20));
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
