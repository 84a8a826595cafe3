package registration.customer;

import java.util.HashMap;
import java.util.Map;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import registration.config.ApiTime;
import registration.notification.Channel;
import registration.notification.Notifications;
import registration.otp.OtpLocked;
import registration.otp.OtpPurpose;

/**
 * Security notice (SPEC §10): when the wrong-code cap locks a purpose, the customer is told at its own address
 * (email, else phone), not where the codes went: the owner must hear. Runs inside the try's transaction that
 * locked it, so the notice is in the outbox exactly when the lock is committed.
 */
@Component
class OtpLockedNotice {

    static final String NOTICE = "otp_locked_notice";

    private final Customers customers;
    private final Notifications notifications;

    OtpLockedNotice(Customers customers, Notifications notifications) {
        this.customers = customers;
        this.notifications = notifications;
    }

    @EventListener
    void on(OtpLocked event) {
        if (event.customerId() == null) {
            return; // only decoys were ever sent: nobody to tell
        }
        customers.findById(event.customerId()).ifPresent(customer -> customer.ownContact().ifPresent(kind -> {
            Map<String, Object> model = new HashMap<>();
            // No name: the address may not be verified yet, and such messages carry no free text from requests.
            model.put("what", describe(event.purpose()));
            model.put("locked_until", ApiTime.format(event.lockedUntil()));
            model.put("hours", event.window().toHours());
            notifications.enqueue(Channel.of(kind), customer.address(kind), NOTICE, model);
        }));
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
