package registration.customer;

import java.util.LinkedHashMap;
import java.util.Map;

import registration.audit.AuditedEvent;
import registration.notification.WebhookEvent;

/** A customer signed up ({@code POST /store/customers}). Published inside the sign-up's transaction. */
public record CustomerCreated(String customerId, String email, String phone, String provider)
        implements AuditedEvent, WebhookEvent {

    @Override
    public String type() {
        return "customer.created";
    }

    @Override
    public String identifier() {
        return email != null ? email : phone;
    }

    @Override
    public Map<String, String> details() {
        return Map.of("provider", provider);
    }

    @Override
    public String webhookType() {
        return type();
    }

    @Override
    public Map<String, Object> webhookData() {
        Map<String, Object> data = new LinkedHashMap<>(); // email or phone may be null
        data.put("customer_id", customerId);
        data.put("email", email);
        data.put("phone", phone);
        return data;
    }

    @Override
    public String toString() {
        return "CustomerCreated[" + customerId + "]"; // no personal data in logs
    }
}
