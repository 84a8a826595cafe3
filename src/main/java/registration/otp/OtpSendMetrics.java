package registration.otp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code customer_registration_otp_sends_total{channel, purpose, outcome}}: every request for a code, by how it
 * ended — {@code sent}, {@code fixed_code} (a QA identifier: issued, not sent), {@code decoy} (an unknown identifier
 * on an enumeration-safe route), or the refusals of {@link OtpSendRefused}.
 */
@Component
class OtpSendMetrics {

    private final MeterRegistry meters;
    /** Each counter built once: building and registering one per send cost more than the count itself. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    OtpSendMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @EventListener
    void on(OtpSent sent) {
        count(sent.purpose(), sent.channel().name().toLowerCase(java.util.Locale.ROOT), sent.sent() ? "sent" : "fixed_code");
    }

    @EventListener
    void on(OtpSendRefused refused) {
        count(refused.purpose(), refused.channel(), refused.outcome());
    }

    private void count(OtpPurpose purpose, String channel, String outcome) {
        counters.computeIfAbsent(channel + ' ' + purpose.id() + ' ' + outcome, key ->
                Counter.builder("customer_registration.otp.sends").tag("channel", channel).tag("purpose", purpose.id())
                        .tag("outcome", outcome).description("Requests for a one-time code, by outcome")
                        .register(meters)).increment();
    }
}
