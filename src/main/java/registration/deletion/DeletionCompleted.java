package registration.deletion;

import java.util.Map;

import registration.audit.AuditedEvent;
import registration.notification.WebhookEvent;

/**
 * The deletion job erased a customer ({@link DeletionJob}), in the erasure's transaction: the store gets
 * {@code account_deletion.completed} and the audit trail keeps only the customer id of its earlier events.
 */
public record DeletionCompleted(String requestId, String customerId) implements AuditedEvent, WebhookEvent {

    @Override
    public String type() {
        return "account_deletion.completed";
    }

    @Override
    public String actorKind() {
        return "system";
    }

    @Override
    public boolean erasesCustomer() {
        return true;
    }

    @Override
    public Map<String, String> details() {
        return Map.of("request_id", requestId);
    }

    @Override
    public String webhookType() {
        return type();
    }

    @Override
    public Map<String, Object> webhookData() {
        return Map.of("request_id", requestId, "customer_id", customerId);
    }
}
