package registration.otp;

import java.util.Map;

import registration.audit.AuditedEvent;

/**
 * A wrong code was tried ({@code customerId} null for a decoy), recorded in the try's own transaction
 * ({@link CodeAttempts}) so that it stays on record although the request fails. Whoever tried is not proven.
 */
public record OtpFailed(String customerId, OtpPurpose purpose) implements AuditedEvent {

    @Override
    public String type() {
        return "otp.failed";
    }

    @Override
    public String actorKind() {
        return "anonymous";
    }

    @Override
    public Map<String, String> details() {
        return Map.of("purpose", purpose.id());
    }
}
