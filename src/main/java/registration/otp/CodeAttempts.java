package registration.otp;

import java.time.Instant;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * One try of a code, in a transaction of its own: a wrong guess stays counted (against the code and against
 * the cumulative cap) although the use case then fails and rolls back. Everything a try reads and writes is
 * here, before the use case's transaction touches the database: connections are taken at the first statement,
 * so a verify never holds two at once and a burst of verifies cannot drain the pool.
 */
@Component
class CodeAttempts {

    enum Result { RIGHT, WRONG, DEAD, LOCKED }

    /**
     * How a try ended: {@code code} is the stored code when it was right (and is now to be used up),
     * {@code lockedUntil} the end of the lock when locked.
     */
    record Outcome(Result result, OtpCodes.Stored code, Instant lockedUntil) {
        static Outcome of(Result result) {
            return new Outcome(result, null, null);
        }
    }

    private final OtpCodes codes;
    private final OtpLocks locks;
    private final OtpSendClaims throttles;
    private final WrongCodes wrongCodes;
    private final CodeHasher hasher;
    private final ApplicationEventPublisher events;

    CodeAttempts(OtpCodes codes, OtpLocks locks, OtpSendClaims throttles, WrongCodes wrongCodes, CodeHasher hasher,
                 ApplicationEventPublisher events) {
        this.events = events;
        this.codes = codes;
        this.throttles = throttles;
        this.locks = locks;
        this.wrongCodes = wrongCodes;
        this.hasher = hasher;
    }

    /**
     * Tries {@code code} against the code {@code id} of {@code purpose}.
     *
     * @param expectedCustomerId the customer the code must be for (authenticated routes), or null
     * @param newValue           the new value the token carries (contact change), checked against the bound hash
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    Outcome attempt(String id, OtpPurpose purpose, String code, String expectedCustomerId, String newValue, Instant now) {
        OtpCodes.Stored stored = codes.find(id, purpose).orElse(null);
        if (stored == null || expectedCustomerId != null && !expectedCustomerId.equals(stored.customerId())) {
            return Outcome.of(Result.DEAD); // another customer's code costs its owner no attempt
        }
        if (stored.valueHash() != null ? !hasher.boundValueMatches(newValue, stored.valueHash(), stored.keyId()) : newValue != null) {
            return Outcome.of(Result.DEAD); // a token re-signed to carry another value than the code was sent for
        }
        if (stored.subject() != null && wrongCodes.capped()) {
            throttles.hold(stored.subject(), purpose); // before any code row: the order every send takes too
            var until = locks.lockedUntil(stored.subject(), purpose, now);
            if (until.isPresent()) {
                return new Outcome(Result.LOCKED, null, until.get());
            }
        }
        // Counted before the code is compared, so two wrong guesses at once count twice.
        var hash = codes.countAttempt(id, purpose, now);
        if (hash.isEmpty()) {
            return Outcome.of(Result.DEAD);
        }
        if (!hasher.matches(code, hash.get().hash(), hash.get().keyId())) {
            events.publishEvent(new OtpFailed(stored.customerId(), purpose)); // on record with the count, in this transaction
            wrongCodes.record(stored, now);
            return Outcome.of(Result.WRONG);
        }
        return new Outcome(Result.RIGHT, stored, null);
    }
}
