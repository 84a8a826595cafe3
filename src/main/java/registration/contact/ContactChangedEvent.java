package registration.contact;

import java.util.Map;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import registration.notification.Notifications;

/** Tells the store's events webhook that a customer's email or phone changed ({@code customer.contact_changed}). */
@Component
class ContactChangedEvent {

    private final Notifications notifications;

    ContactChangedEvent(Notifications notifications) {
        this.notifications = notifications;
    }

    @EventListener
    void on(ContactChanged change) {
        notifications.publishEvent("customer.contact_changed",
                Map.of("customer_id", change.customerId(), "field", change.field(), "value", change.newValue()));
    }
}
