package registration.audit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The security counters an operator watches, counted from the published events (Prometheus names in
 * {@code docs/audit.md}): {@code customer_registration_security_events_total{type}} for every event,
 * {@code customer_registration_logins_total{actor,outcome}}, {@code customer_registration_login_lockouts_total{actor}}
 * and {@code customer_registration_otp_locks_total{purpose}}.
 * Counted as the event is published, per instance: a change that then rolls back still counts, as an attempt.
 * The gauge {@code customer_registration_customers_blocked} reads {@link BlockedCustomers} when a feature provides it.
 */
@Component
class SecurityMetrics {

    private final MeterRegistry meters;
    /** Built once per type: building and registering a counter on every event cost more than counting. */
    private final Map<String, Counter> eventCounters = new ConcurrentHashMap<>();

    SecurityMetrics(MeterRegistry meters, ObjectProvider<BlockedCustomers> blocked) {
        this.meters = meters;
        // The operator API (admin.BlockedCustomerCount) provides the count; the gauge reads it at each scrape.
        blocked.ifAvailable(count -> Gauge.builder("customer_registration.customers.blocked", count, c -> c.count())
                .description("Customers blocked by an operator").register(meters));
    }

    @EventListener
    void count(AuditedEvent event) {
        eventCounters.computeIfAbsent(event.type(), type -> Counter.builder("customer_registration.security_events")
                .tag("type", type).description("Security events published, by type").register(meters)).increment();
        switch (event.type()) {
            case "login.succeeded", "login.failed" -> Counter.builder("customer_registration.logins")
                    .tag("actor", event.details().getOrDefault("actor_type", "customer"))
                    .tag("outcome", event.type().equals("login.succeeded") ? "success" : "failure")
                    .description("Password logins, by outcome").register(meters).increment();
            case "login.locked" -> Counter.builder("customer_registration.login_lockouts")
                    .tag("actor", event.details().getOrDefault("actor_type", "customer"))
                    .description("Logins refused because their identifier is locked out").register(meters).increment();
            case "otp.locked" -> Counter.builder("customer_registration.otp.locks")
                    .tag("purpose", event.details().getOrDefault("purpose", "unknown"))
                    .description("Codes of a purpose locked after too many wrong codes").register(meters).increment();
            default -> { }
        }
    }
}
