package registration.contact;

import java.util.Map;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import registration.customer.Customers;
import registration.notification.Notifications;

/**
 * Security notice (SPEC 9): when an email or phone changes, the OLD address is told, so that a hijacked
 * session cannot quietly move the account away. Runs inside the change's transaction: the notice is in the
 * outbox exactly when the change is committed.
 */
@Component
class ContactChangedNotice {

    static final String PURPOSE = "contact_changed_notice";

    private final Customers customers;
    private final Notifications notifications;

    ContactChangedNotice(Customers customers, Notifications notifications) {
        this.customers = customers;
        this.notifications = notifications;
    }

    @EventListener
    void on(ContactChanged event) {
        if (event.oldValue() == null) {
            return; // the field was empty: there is nobody to warn
        }
        ContactField field = ContactField.valueOf(event.field().toUpperCase(java.util.Locale.ROOT));
        customers.findById(event.customerId()).ifPresent(customer -> notifications.enqueue(field.channel,
                event.oldValue(), PURPOSE,
                Map.of("customer", customer.templateModel(), "field", field.id())));
    }
}
