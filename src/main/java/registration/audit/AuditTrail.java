package registration.audit;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Records every {@link AuditedEvent} in {@code security_event}, synchronously, so in the publisher's transaction:
 * the row commits or rolls back with the change it records. The actor is {@link AuditedEvent#actorKind()}, with
 * the admin's or customer's id. The client address is
 * that of the request being served, if any. An event that erases a customer scrubs that customer's earlier events.
 */
@Component
class AuditTrail {

    private final SecurityEvents events;
    private final ObjectProvider<ClientAddresses> clients;
    private final Clock clock;
    /** Resolved at the first event, not at every one: the bean factory's lookup cost more than the insert's Java. */
    private volatile ClientAddresses resolver;

    AuditTrail(SecurityEvents events, ObjectProvider<ClientAddresses> clients, Clock clock) {
        this.events = events;
        this.clients = clients;
        this.clock = clock;
    }

    @EventListener
    void record(AuditedEvent event) {
        if (event.erasesCustomer() && event.customerId() != null) {
            events.scrub(event.customerId());
        }
        String actorType = event.actorKind();
        String actorId = switch (actorType) {
            case "admin" -> event.adminId();
            case "customer" -> event.customerId();
            default -> null;
        };
        events.insert(event.type(), event.customerId(), actorType, actorId, clientAddress(),
                event.erasesCustomer() ? null : Masking.mask(event.identifier()), event.details(), clock.instant());
    }

    private String clientAddress() {
        ClientAddresses resolver = this.resolver;
        if (resolver == null) {
            resolver = clients.getIfAvailable();
            this.resolver = resolver;
        }
        if (resolver != null && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
            return resolver.clientOf(request.getRequest());
        }
        return null;
    }
}
