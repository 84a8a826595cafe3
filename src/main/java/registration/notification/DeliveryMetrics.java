package registration.notification;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of messages that did not go out (Prometheus: {@code customer_registration_notifications_abandoned_total}
 * and {@code customer_registration_notifications_dropped_total}), tagged by channel and purpose (a small fixed
 * set: the templates and event types) and reason.
 */
@Component
class DeliveryMetrics {

    private final MeterRegistry meters;

    DeliveryMetrics(MeterRegistry meters) {
        this.meters = meters;
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
