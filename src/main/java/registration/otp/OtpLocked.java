package registration.otp;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import registration.audit.AuditedEvent;
import registration.config.ApiTime;

/**
 * The wrong-code cap locked every code of {@code purpose} for a customer until {@code lockedUntil}, a lock of
 * {@code window} (SPEC §10). Published once per lock (by the try that reached the cap) inside that try's
 * transaction; the customer feature tells the owner, the audit trail records it. {@code customerId} is the
 * customer of the codes, also on the enumeration-safe routes where the subject is an identifier's hash; it is
 * null for a subject that only ever had decoys.
 */
public record OtpLocked(String customerId, OtpPurpose purpose, Instant lockedUntil, Duration window)
        implements AuditedEvent {

    @Override
    public String type() {
        return "otp.locked";
    }

    @Override
    public String actorKind() {
        return "system";
    }

    @Override
    public Map<String, String> details() {
        return Map.of("purpose", purpose.id(), "locked_until", ApiTime.format(lockedUntil));
    }
}
