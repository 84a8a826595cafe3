package registration.otp;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The cumulative cap on wrong codes (SPEC §10): each wrong code is counted per subject and purpose, across
 * codes; at {@code otp.max-failed-attempts-per-day} within 24 h every code of that purpose is dead for 24 h and
 * the customer is told ({@link OtpLocked}). Without it, a fresh code every minute (5 tries each) refills an attacker's guesses.
 */
@Component
class WrongCodes {

    private static final Logger log = LoggerFactory.getLogger(WrongCodes.class);

    private final OtpLocks locks;
    private final OtpCodes codes;
    private final ApplicationEventPublisher events;
    private final OtpSettings settings;

    WrongCodes(OtpLocks locks, OtpCodes codes, ApplicationEventPublisher events, OtpSettings settings) {
        this.locks = locks;
        this.codes = codes;
        this.events = events;
        this.settings = settings;
    }

    boolean capped() {
        return settings.maxFailedAttemptsPerDay() > 0;
    }

    /**
     * Counts a wrong code against {@code code}'s subject, and locks the subject when that reaches the cap. Called
     * in the try's own transaction ({@link CodeAttempts}): the use case that follows fails and rolls back.
     */
    void record(OtpCodes.Stored code, Instant now) {
        if (!capped() || code.subject() == null) {
            return;
        }
        int failures = locks.recordFailure(code.subject(), code.purpose(), now);
        if (failures < settings.maxFailedAttemptsPerDay()) {
            return;
        }
        Instant until = now.plus(OtpLocks.WINDOW);
        if (!locks.lock(code.subject(), code.purpose(), until, now)) {
            return; // a concurrent wrong code locked it first and tells the customer
        }
        codes.revokeAllLive(code.subject(), code.purpose(), now);
        log.warn("OTP codes of {} for {} locked until {} after {} wrong codes in 24 h", code.subject(),
                code.purpose().id(), until, failures);
        String customerId = code.customerId() != null ? code.customerId()
                : codes.findNewestCustomer(code.subject(), code.purpose()).orElse(null);
        events.publishEvent(new OtpLocked(customerId, code.purpose(), until, OtpLocks.WINDOW)); // the notice, the audit trail
    }
}
