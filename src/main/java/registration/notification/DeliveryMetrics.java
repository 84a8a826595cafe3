package registration.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of messages that did not go out (Prometheus: {@code customer_registration_notifications_abandoned_total}
 * and {@code customer_registration_notifications_dropped_total}), tagged by channel and purpose (a small fixed
 * set: the templates and event types) and reason; and two gauges read from the database when scraped, the same on
 * every instance: {@code customer_registration_outbox_backlog} (messages pending or retrying) and
 * {@code customer_registration_outbox_oldest_due_age_seconds} (how long the message due longest has waited; 0 when
 * none is due). A scrape while the database is away reads NaN rather than failing.
 */
@Component
class DeliveryMetrics {

    private static final Logger log = LoggerFactory.getLogger(DeliveryMetrics.class);

    private final MeterRegistry meters;

    DeliveryMetrics(MeterRegistry meters, Outbox outbox, Clock clock) {
        this.meters = meters;
        Gauge.builder("customer_registration.outbox.backlog", () -> read(() -> (double) outbox.backlog()))
                .description("Messages waiting in the outbox (pending or retrying)").register(meters);
        Gauge.builder("customer_registration.outbox.oldest_due_age", () -> read(() -> {
            Instant now = clock.instant();
            Instant due = outbox.oldestDue(now);
            return due == null ? 0.0 : Duration.between(due, now).toMillis() / 1000.0;
        })).baseUnit("seconds").description("How long the outbox message due longest has waited").register(meters);
    }

    private static Number read(Supplier<Double> query) {
        try {
            return query.get();
        } catch (RuntimeException e) {
            log.debug("Outbox gauge not read ({})", e.getClass().getSimpleName());
            return Double.NaN;
        }
    }

    /**
     * Queued but given up: {@code rejected} (permanent refusal), {@code attempts}, {@code expired} (its code),
     * {@code horizon} (a notice or event), {@code forgotten} (its recipient was erased while it kept failing).
     */
    void abandoned(Channel channel, String purpose, String reason) {
        counter("customer_registration.notifications.abandoned", channel, purpose, reason).increment();
    }

    /** A notice never queued: {@code region} (outside {@code phone.sms-regions}) or {@code budget}. */
    void dropped(Channel channel, String purpose, String reason) {
        counter("customer_registration.notifications.dropped", channel, purpose, reason).increment();
    }

    private Counter counter(String name, Channel channel, String purpose, String reason) {
        return Counter.builder(name).tag("channel", channel.name().toLowerCase()).tag("purpose", purpose)
                .tag("reason", reason).register(meters);
    }
}
