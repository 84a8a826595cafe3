package registration.reset;

import java.util.Map;

import registration.audit.AuditedEvent;
import registration.auth.Provider;

/**
 * An identity's password was reset ({@code customerId} is null for an identity whose customer was never
 * created; {@code identifier} is the email or phone the reset was proven with, by {@code provider}). Published inside the reset's
 * transaction.
 */
public record PasswordChanged(String authIdentityId, String customerId, Provider provider, String identifier)
        implements AuditedEvent {

    @Override
    public String type() {
        return "password.changed";
    }

    /** The actor is the customer: opening the link (or reading the SMS) proved the address is theirs. */
    @Override
    public Map<String, String> details() {
        return Map.of("provider", provider.id(), "via", "reset", "auth_identity_id", authIdentityId);
    }

    @Override
    public String toString() {
        return "PasswordChanged[" + authIdentityId + "]"; // no personal data in logs
    }
}
