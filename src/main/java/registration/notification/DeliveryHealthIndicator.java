package registration.notification;

import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Health {@code delivery}, a detail of {@code /actuator/health} (management port) and never part of readiness:
 * the channels whose provider is failing on this instance, and until when they rest. Always UP: while SMTP or an
 * SMS provider is away the service still serves and messages wait in the outbox, so a load balancer must not take
 * the instance out, and the root status must not turn 503 for it (it did with Boot's mail indicator).
 */
@Component("deliveryHealthIndicator")
@Profile("!create-admin & !import-medusa")
class DeliveryHealthIndicator implements HealthIndicator {

    private final OutboxDispatcher dispatcher;

    DeliveryHealthIndicator(OutboxDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public Health health() {
        Map<String, String> paused = dispatcher.pausedChannels().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().name().toLowerCase(), e -> e.getValue().toString()));
        return Health.up().withDetail("paused_channels", paused).build();
    }
}
