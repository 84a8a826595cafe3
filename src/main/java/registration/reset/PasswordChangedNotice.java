package registration.reset;

import java.util.HashMap;
import java.util.Map;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import registration.auth.Provider;
import registration.customer.Customer;
import registration.customer.Customers;
import registration.notification.Channel;
import registration.notification.Notifications;

/**
 * Security notice (SPEC 9): after a password reset the customer is told on every contact on file — email and
 * phone — so that a reset by someone who took over one of them still reaches the owner on the other. An
 * identity without a customer is told at the address the reset was proven with. Runs inside the reset's
 * transaction: the notice is in the outbox exactly when the new password is committed.
 */
@Component
class PasswordChangedNotice {

    static final String PURPOSE = "password_changed_notice";

    private final Customers customers;
    private final Notifications notifications;

    PasswordChangedNotice(Customers customers, Notifications notifications) {
        this.customers = customers;
        this.notifications = notifications;
    }

    @EventListener
    void on(PasswordChanged event) {
        Customer customer = event.customerId() == null ? null : customers.findById(event.customerId()).orElse(null);
        if (customer == null) {
            boolean email = event.provider() == Provider.EMAILPASS;
            notifications.enqueue(email ? Channel.EMAIL : Channel.SMS, event.identifier(), PURPOSE,
                    Map.of("customer", customerModel(null, email ? event.identifier() : null, email ? null : event.identifier())));
            return;
        }
        Map<String, Object> model = Map.of("customer", customer.templateModel());
        if (customer.email() != null) {
            notifications.enqueue(Channel.EMAIL, customer.email(), PURPOSE, model);
        }
        if (customer.phone() != null) {
            notifications.enqueue(Channel.SMS, customer.phone(), PURPOSE, model);
        }
    }

    /** The {@code customer} template variable, also for an identity whose customer was never created. */
    static Map<String, Object> customerModel(Customer customer, String email, String phone) {
        if (customer != null) {
            return customer.templateModel();
        }
        Map<String, Object> model = new HashMap<>();
        model.put("email", email);
        model.put("phone", phone);
        return model;
    }
}
