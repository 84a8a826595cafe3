package registration.otp;

import java.time.Instant;
import java.util.Map;

import registration.audit.AuditedEvent;
import registration.config.ApiTime;

/**
 * Too many wrong codes in 24 h: every code of {@code purpose} is dead and new ones are refused until
 * {@code until} ({@link WrongCodes}). Published in the failing try's own transaction; the customer, when there is
 * one, is told ({@link OtpLockedNotice}).
 */
public record OtpLocked(String customerId, OtpPurpose purpose, Instant until) implements AuditedEvent {

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
        return Map.of("purpose", purpose.id(), "locked_until", ApiTime.format(until));
    }
}
