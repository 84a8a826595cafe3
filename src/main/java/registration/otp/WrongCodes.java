package registration.otp;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import registration.config.ApiTime;
import registration.customer.Customer;
import registration.customer.Customers;
import registration.notification.Channel;
import registration.notification.Notifications;

/**
 * The cumulative cap on wrong codes (SPEC §10): each wrong code is counted per subject and purpose, across
 * codes; at {@code otp.max-failed-attempts-per-day} within 24 h every code of that purpose is dead for 24 h and
 * the customer is told. Without it, a fresh code every minute (5 tries each) refills an attacker's guesses.
 */
@Component
class WrongCodes {

    static final String NOTICE = "otp_locked_notice";
    private static final Logger log = LoggerFactory.getLogger(WrongCodes.class);

    private final OtpLocks locks;
    private final OtpCodes codes;
    private final Customers customers;
    private final Notifications notifications;
    private final OtpSettings settings;

    WrongCodes(OtpLocks locks, OtpCodes codes, Customers customers, Notifications notifications, OtpSettings settings) {
        this.locks = locks;
        this.codes = codes;
        this.customers = customers;
        this.notifications = notifications;
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
        if (customerId != null) {
            customers.findById(customerId).ifPresent(customer -> tell(customer, code.purpose(), until));
        }
    }

    /** To the customer's own address (email, else phone), not to where the codes went: the owner must hear. */
    private void tell(Customer customer, OtpPurpose purpose, Instant until) {
        Channel channel = customer.email() != null ? Channel.EMAIL : Channel.SMS;
        String address = channel == Channel.EMAIL ? customer.email() : customer.phone();
        if (address == null) {
            return;
        }
        Map<String, Object> model = new HashMap<>();
        // No name: the address may not be verified yet, and such messages carry no free text from requests.
        model.put("what", describe(purpose));
        model.put("locked_until", ApiTime.format(until));
        model.put("hours", OtpLocks.WINDOW.toHours());
        notifications.enqueue(channel, address, NOTICE, model);
    }

    private static String describe(OtpPurpose purpose) {
        return switch (purpose) {
            case EMAIL_VERIFICATION -> "verifying your email address";
            case PHONE_VERIFICATION -> "verifying your phone number";
            case CONTACT_CHANGE -> "changing your contact details";
            case ACCOUNT_DELETION_REQUEST -> "confirming the deletion of your account";
            case ACCOUNT_DELETION_CANCEL -> "cancelling the deletion of your account";
            case PASSWORD_RESET -> "resetting your password";
        };
    }
}
