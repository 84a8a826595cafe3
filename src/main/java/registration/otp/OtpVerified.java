package registration.otp;

import java.util.Map;

import registration.audit.AuditedEvent;

/**
 * A right code was used ({@code customerId} null for a code with no customer behind it), in the use case's
 * transaction: it is on record only if what the code allowed was done.
 */
public record OtpVerified(String customerId, OtpPurpose purpose) implements AuditedEvent {

    @Override
    public String type() {
        return "otp.verified";
    }

    @Override
    public Map<String, String> details() {
        return Map.of("purpose", purpose.id());
    }
}
