package registration.reset;

import java.util.Map;

import registration.audit.AuditedEvent;
import registration.auth.Provider;

/**
 * A reset link went out to {@code identifier}, the emailpass login of a known identity ({@code customerId} is null
 * for an identity whose customer was never created). Requests for unknown addresses, inside the throttle or past
 * the budget send nothing and are not recorded. The SMS reset is recorded as {@code otp.sent} of purpose
 * {@code password_reset}.
 */
public record PasswordResetRequested(String customerId, Provider provider, String identifier) implements AuditedEvent {

    @Override
    public String type() {
        return "password.reset_requested";
    }

    /** Anyone may ask for a reset link: the requester is not proven to be the customer. */
    @Override
    public String actorKind() {
        return "anonymous";
    }

    @Override
    public Map<String, String> details() {
        return Map.of("provider", provider.id());
    }

    @Override
    public String toString() {
        return "PasswordResetRequested[" + customerId + "]"; // no personal data in logs
    }
}
