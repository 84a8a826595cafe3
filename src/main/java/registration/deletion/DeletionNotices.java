package registration.deletion;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import registration.config.ApiTime;
import registration.customer.Customer;
import registration.customer.Customers;
import registration.notification.Channel;
import registration.notification.Notifications;
import registration.otp.IssuedOtp;
import registration.otp.OtpPurpose;
import registration.otp.OtpService;
import registration.otp.ResendIntervals;

/**
 * The messages of the deletion lifecycle, each queued in the outbox inside the use case's transaction: the
 * codes that confirm a request or a cancellation (called by the use case, which needs the handle), and the
 * notices that a deletion was scheduled or cancelled (listeners of {@link DeletionScheduled} and
 * {@link DeletionCancelled}; the store's events are those records' webhook form).
 * A customer is written to by email, or by SMS when they have no email.
 */
@Component
class DeletionNotices {

    static final String SCHEDULED = "account_deletion_scheduled_notice";
    static final String CANCELLED = "account_deletion_cancelled_notice";

    private final OtpService otps;
    private final Notifications notifications;
    private final ResendIntervals throttles;
    private final Customers customers;

    DeletionNotices(OtpService otps, Notifications notifications, ResendIntervals throttles, Customers customers) {
        this.customers = customers;
        this.otps = otps;
        this.notifications = notifications;
        this.throttles = throttles;
    }

    /** The code that confirms the deletion request; 429 inside the channel's resend throttle. */
    IssuedOtp sendRequestCode(Customer customer) {
        Channel channel = channelOf(customer);
        return otps.issue(customer.id(), OtpPurpose.ACCOUNT_DELETION_REQUEST, channel, address(customer, channel),
                throttles.of(channel), null, model(customer));
    }

    /**
     * The code that confirms a cancellation, to {@code identifier} (the address it was asked for) when
     * {@code owner} — the customer it belongs to, whose deletion is scheduled — is present; otherwise, and inside
     * the throttle or past a send budget, a handle that looks the same ({@link OtpService#issueForIdentifier}).
     */
    OtpService.IdentifierOtp sendCancelCode(String identifier, Channel channel, Optional<Customer> owner) {
        return otps.issueForIdentifier(OtpPurpose.ACCOUNT_DELETION_CANCEL, identifier, throttles.of(channel),
                owner.map(customer -> new OtpService.Recipient(customer.id(), channel, address(customer, channel),
                        model(customer))));
    }

    /** Tells the customer when the account will be deleted and how to stop it. */
    @EventListener
    void on(DeletionScheduled event) {
        customers.findById(event.customerId()).ifPresent(customer -> {
            Map<String, Object> model = model(customer);
            model.put("scheduled_for", ApiTime.format(event.request().scheduledFor()));
            model.put("cancel_path", "/store/customers/account-deletion/cancel-request");
            Channel channel = channelOf(customer);
            notifications.enqueue(channel, address(customer, channel), SCHEDULED, model);
        });
    }

    @EventListener
    void on(DeletionCancelled event) {
        customers.findById(event.customerId()).ifPresent(customer -> {
            Channel channel = channelOf(customer);
            notifications.enqueue(channel, address(customer, channel), CANCELLED, model(customer));
        });
    }

    private static Channel channelOf(Customer customer) {
        return customer.email() != null ? Channel.EMAIL : Channel.SMS;
    }

    private static String address(Customer customer, Channel channel) {
        String address = channel == Channel.EMAIL ? customer.email() : customer.phone();
        if (address == null) {
            throw new IllegalStateException(customer + " has no " + channel + " address");
        }
        return address;
    }

    private static Map<String, Object> model(Customer customer) {
        Map<String, Object> model = new HashMap<>();
        model.put("customer", customer.templateModel());
        return model;
    }
}
