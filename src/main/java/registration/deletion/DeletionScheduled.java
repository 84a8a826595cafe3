package registration.deletion;

import java.util.HashMap;
import java.util.Map;

import registration.audit.AuditedEvent;
import registration.config.ApiTime;
import registration.notification.WebhookEvent;

/**
 * A deletion was confirmed and is scheduled for {@code request.scheduledFor()}. Published inside the confirmation's
 * transaction: the customer is told ({@link DeletionNotices}), the store gets {@code account_deletion.scheduled}.
 */
public record DeletionScheduled(DeletionRequest request) implements AuditedEvent, WebhookEvent {

    @Override
    public String type() {
        return "account_deletion.scheduled";
    }

    @Override
    public String customerId() {
        return request.customerId();
    }

    @Override
    public Map<String, String> details() {
        return Map.of("request_id", request.id(), "scheduled_for", ApiTime.format(request.scheduledFor()));
    }

    @Override
    public String webhookType() {
        return type();
    }

    @Override
    public Map<String, Object> webhookData() {
        return webhookData(request);
    }

    /** What the store's events say about a request: no reason, no contact data. */
    static Map<String, Object> webhookData(DeletionRequest request) {
        Map<String, Object> data = new HashMap<>();
        data.put("request_id", request.id());
        data.put("customer_id", request.customerId());
        data.put("scheduled_for", request.scheduledFor());
        return data;
    }
}
