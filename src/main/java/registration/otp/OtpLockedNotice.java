package registration.otp;

import java.util.HashMap;
import java.util.Map;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import registration.config.ApiTime;
import registration.customer.Customer;
import registration.customer.Customers;
import registration.notification.Channel;
import registration.notification.Notifications;

/**
 * Security notice: when a purpose is locked after too many wrong codes ({@link OtpLocked}), the customer is told at
 * their own address (email, else phone), not where the codes went: the owner must hear. In the locking transaction.
 */
@Component
class OtpLockedNotice {

    static final String PURPOSE = "otp_locked_notice";

    private final Customers customers;
    private final Notifications notifications;

    OtpLockedNotice(Customers customers, Notifications notifications) {
        this.customers = customers;
        this.notifications = notifications;
    }

    @EventListener
    void on(OtpLocked event) {
        if (event.customerId() != null) {
            customers.findById(event.customerId()).ifPresent(customer -> tell(customer, event));
        }
    }

    private void tell(Customer customer, OtpLocked event) {
        Channel channel = customer.email() != null ? Channel.EMAIL : Channel.SMS;
        String address = channel == Channel.EMAIL ? customer.email() : customer.phone();
        if (address == null) {
            return;
        }
        Map<String, Object> model = new HashMap<>();
        // No name: the address may not be verified yet, and such messages carry no free text from requests.
        model.put("what", describe(event.purpose()));
        model.put("locked_until", ApiTime.format(event.until()));
        model.put("hours", OtpLocks.WINDOW.toHours());
        notifications.enqueue(channel, address, PURPOSE, model);
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
