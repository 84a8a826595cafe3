package registration.reset;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import registration.auth.AuthIdentities;
import registration.auth.AuthIdentity;
import registration.auth.PasswordPolicy;
import registration.auth.Passwords;
import registration.auth.Provider;
import registration.customer.Customer;
import registration.customer.Customers;
import registration.ratelimit.LoginAttempts;

/**
 * The last steps of every reset, by email or SMS, inside its transaction: the password policy, the new hash
 * on every login of the identity, a new credential version (every token issued before is refused, reset
 * tokens included), no live reset request left, no login lock left, and the {@link PasswordChanged} notice.
 */
@Component
class PasswordChange {

    private final AuthIdentities identities;
    private final Customers customers;
    private final Passwords passwords;
    private final ResetRequests requests;
    private final LoginAttempts loginAttempts;
    private final ApplicationEventPublisher events;

    PasswordChange(AuthIdentities identities, Customers customers, Passwords passwords, ResetRequests requests,
                   LoginAttempts loginAttempts, ApplicationEventPublisher events) {
        this.identities = identities;
        this.customers = customers;
        this.passwords = passwords;
        this.requests = requests;
        this.loginAttempts = loginAttempts;
        this.events = events;
    }

    /** @param identifier the email or phone the reset was proven with (by {@code provider}) */
    void apply(AuthIdentity identity, Provider provider, String identifier, String password) {
        Customer customer = identity.actorId() == null ? null : customers.findById(identity.actorId()).orElse(null);
        PasswordPolicy.check(password, identifier, customer == null ? null : customer.email(),
                customer == null ? null : customer.phone());
        identities.updatePasswordHash(identity.id(), passwords.hash(password));
        identities.bumpCredentialVersion(identity.id());
        requests.closeAll(identity.id());
        if (customer != null) {
            // Opening the link (or reading the SMS) proved the address is the customer's, as a verification
            // code would have.
            if (identifier.equals(customer.address(provider.identifier()))) {
                customers.markVerified(customer.id(), provider.identifier());
            }
        }
        // The owner proved control of the address: a lock earned by someone guessing the old password must not
        // keep them out (the failures of every login of the identity are forgotten, as after a right password).
        for (Provider login : Provider.values()) {
            identities.findEntityId(identity.id(), login)
                    .ifPresent(id -> loginAttempts.succeeded(identity.actorType().id(), id));
        }
        events.publishEvent(new PasswordChanged(identity.id(), customer == null ? null : customer.id(), provider, identifier));
    }
}
