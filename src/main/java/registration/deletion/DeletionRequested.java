package registration.deletion;

import java.util.Map;

import registration.audit.AuditedEvent;

/** A customer asked to delete their account; the code that confirms it is on its way. */
public record DeletionRequested(String customerId, String requestId) implements AuditedEvent {

    @Override
    public String type() {
        return "account_deletion.requested";
    }

    @Override
    public Map<String, String> details() {
        return Map.of("request_id", requestId);
    }
}
