package registration.otp;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * The wrong-code locks of one customer as an operator sees and lifts them (issue 20): those keyed by the customer
 * id and those of the enumeration-safe routes, keyed by a hash of each of the customer's identifiers.
 */
@Component
public class OtpLockouts {

    /** A lock in force: its purpose ({@link OtpPurpose#id()}) and until when. */
    public record Lockout(String purpose, Instant lockedUntil) {
    }

    private final OtpLocks locks;
    private final CodeHasher hasher;
    private final Clock clock;

    OtpLockouts(OtpLocks locks, CodeHasher hasher, Clock clock) {
        this.locks = locks;
        this.hasher = hasher;
        this.clock = clock;
    }

    /** @param identifiers the customer's normalised email and phone (nulls ignored) */
    public List<Lockout> of(String customerId, Collection<String> identifiers) {
        return locks.listInForce(subjects(customerId, identifiers), clock.instant());
    }

    /** Lifts them all and forgets the wrong codes that counted towards them; returns how many were in force. */
    public int lift(String customerId, Collection<String> identifiers) {
        return locks.clear(subjects(customerId, identifiers), clock.instant());
    }

    private List<String> subjects(String customerId, Collection<String> identifiers) {
        List<String> subjects = new ArrayList<>();
        subjects.add(customerId);
        identifiers.stream().filter(java.util.Objects::nonNull).map(hasher::identifierSubject).forEach(subjects::add);
        return subjects;
    }
}
