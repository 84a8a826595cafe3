package registration.contact;

import java.util.Map;

import registration.audit.AuditedEvent;
import registration.notification.WebhookEvent;

/**
 * A customer's email or phone was replaced by a verified new value ({@code field} is {@code email} or
 * {@code phone}; {@code oldValue} is null when the field was empty). Published inside the change's transaction;
 * the old address is told ({@link ContactChangedNotice}), the store's events webhook gets
 * {@code customer.contact_changed}, and the audit trail records it.
 */
public record ContactChanged(String customerId, String field, String oldValue, String newValue)
        implements AuditedEvent, WebhookEvent {

    @Override
    public String type() {
        return "customer.contact_changed";
    }

    /** The new value (masked on record). */
    @Override
    public String identifier() {
        return newValue;
    }

    @Override
    public Map<String, String> details() {
        return Map.of("field", field, "had_value", String.valueOf(oldValue != null));
    }

    @Override
    public String webhookType() {
        return type();
    }

    @Override
    public Map<String, Object> webhookData() {
        return Map.of("customer_id", customerId, "field", field, "value", newValue);
    }

    @Override
    public String toString() {
        return "ContactChanged[" + customerId + ", " + field + "]"; // no personal data in logs
    }
}
