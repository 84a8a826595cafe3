package registration.reset;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import registration.auth.AuthIdentities;
import registration.auth.AuthIdentity;
import registration.auth.PasswordPolicy;
import registration.auth.Passwords;
import registration.auth.Provider;
import registration.customer.Customer;
import registration.customer.Customers;
import registration.ratelimit.LoginAttempts;

/**
 * The last steps of every reset, by email or SMS. The new hash is made first, in the hashing queue, with no
 * transaction or connection held (SPEC 11 "Hashing and connections"); then one transaction uses up the proof (the
 * reset link or SMS code: a single-use conditional update, so of two concurrent resets one wins) and writes: the
 * password policy against the customer's own email and phone, the new hash on every login of the identity, a new
 * credential version (every token issued before is refused, reset tokens included), no live reset request left, no
 * login lock left, and the {@link PasswordChanged} notice. If anything in it fails, the proof stays unused.
 */
@Component
class PasswordChange {

    private final AuthIdentities identities;
    private final Customers customers;
    private final Passwords passwords;
    private final ResetRequests requests;
    private final LoginAttempts loginAttempts;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;

    PasswordChange(AuthIdentities identities, Customers customers, Passwords passwords, ResetRequests requests,
                   LoginAttempts loginAttempts, ApplicationEventPublisher events, PlatformTransactionManager transactions) {
        this.identities = identities;
        this.customers = customers;
        this.passwords = passwords;
        this.requests = requests;
        this.loginAttempts = loginAttempts;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * @param identifier the email or phone the reset is proven with (by {@code provider})
     * @param proof      uses up the link or code, in the transaction, and names the identity (or throws)
     * @throws registration.web.ApiException 503 {@code overloaded} at once when the hashing queue is full; the future
     *                                       fails with the proof's or the policy's error
     */
    CompletableFuture<Void> change(Provider provider, String identifier, String password, Supplier<AuthIdentity> proof) {
        return passwords.hash(password).thenAccept(hash -> transaction.executeWithoutResult(status ->
                apply(proof.get(), provider, identifier, password, hash)));
    }

    private void apply(AuthIdentity identity, Provider provider, String identifier, String password, String hash) {
        Customer customer = identity.actorId() == null ? null : customers.findById(identity.actorId()).orElse(null);
        PasswordPolicy.check(password, identifier, customer == null ? null : customer.email(),
                customer == null ? null : customer.phone());
        identities.updatePasswordHash(identity.id(), hash);
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
