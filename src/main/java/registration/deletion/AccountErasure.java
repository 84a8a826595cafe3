package registration.deletion;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import registration.auth.ActorType;
import registration.auth.AuthIdentities;
import registration.customer.Customers;
import registration.notification.Notifications;
import registration.ratelimit.LoginAttempts;

/**
 * The erasure itself, inside the caller's transaction, once its deletion request is completed: the logins go, the
 * personal data is erased (outbox and login locks included), and {@link DeletionCompleted} is published.
 * The one erasure there is: the deletion sweep ({@link DeletionJob}) and an operator's erase-now
 * ({@link OperatorDeletions}) both run it.
 */
@Component
class AccountErasure {

    private static final Logger log = LoggerFactory.getLogger(AccountErasure.class);

    private final AuthIdentities identities;
    private final Customers customers;
    private final Notifications notifications;
    private final LoginAttempts loginAttempts;
    private final DeletionRequests requests;
    private final Counter completed;
    private final ApplicationEventPublisher events;

    AccountErasure(AuthIdentities identities, Customers customers, Notifications notifications, LoginAttempts loginAttempts,
                   DeletionRequests requests, MeterRegistry meters, ApplicationEventPublisher events) {
        this.events = events;
        this.identities = identities;
        this.customers = customers;
        this.notifications = notifications;
        this.loginAttempts = loginAttempts;
        this.requests = requests;
        this.completed = Counter.builder("customer_registration.account_deletions.completed")
                .description("Account deletions carried out by this instance").register(meters);
    }

    /** Erases the customer of the completed request {@code requestId}. */
    void erase(String requestId, String customerId) {
        identities.deleteByActor(ActorType.CUSTOMER, customerId);
        customers.findById(customerId).ifPresent(customer -> {
            if (customer.email() != null) {
                notifications.forgetRecipient(customer.email());
            }
            if (customer.phone() != null) {
                notifications.forgetRecipient(customer.phone());
            }
        });
        customers.erase(customerId);
        requests.eraseContacts(customerId);
        loginAttempts.forget(customerId);
        events.publishEvent(new DeletionCompleted(requestId, customerId)); // the webhook event, the audit trail's scrub
        completed.increment();
        log.info("Completed account deletion request {} of customer {}", requestId, customerId);
    }
}
