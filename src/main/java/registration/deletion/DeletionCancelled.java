package registration.deletion;

import java.util.Map;

import registration.audit.AuditedEvent;
import registration.notification.WebhookEvent;

/**
 * A scheduled deletion was cancelled by its owner. Published inside the cancellation's transaction: the customer
 * is told ({@link DeletionNotices}), the store gets {@code account_deletion.cancelled}.
 */
public record DeletionCancelled(DeletionRequest request) implements AuditedEvent, WebhookEvent {

    @Override
    public String type() {
        return "account_deletion.cancelled";
    }

    @Override
    public String customerId() {
        return request.customerId();
    }

    @Override
    public Map<String, String> details() {
        return Map.of("request_id", request.id());
    }

    @Override
    public String webhookType() {
        return type();
    }

    @Override
    public Map<String, Object> webhookData() {
        return DeletionScheduled.webhookData(request);
    }
}
