package registration.contact;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import registration.auth.AuthIdentities;
import registration.auth.AuthTokens;
import registration.auth.CustomerActor;
import registration.auth.Provider;
import registration.customer.Customer;
import registration.customer.Customers;
import registration.otp.IssuedOtp;
import registration.otp.OtpErrors;
import registration.otp.OtpPurpose;
import registration.otp.OtpService;
import registration.otp.ResendIntervals;
import registration.web.ApiException;
import registration.web.ErrorType;

/** {@code POST /store/customers/me/contact} and {@code POST /store/customers/me/contact/verify}. */
@Service
class ContactChangeService {

    private final Customers customers;
    private final AuthIdentities identities;
    private final OtpService otps;
    private final AuthTokens tokens;
    private final ResendIntervals throttles;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;

    ContactChangeService(Customers customers, AuthIdentities identities, OtpService otps, AuthTokens tokens,
                         ResendIntervals throttles, ApplicationEventPublisher events,
                         PlatformTransactionManager transactions) {
        this.customers = customers;
        this.identities = identities;
        this.otps = otps;
        this.tokens = tokens;
        this.throttles = throttles;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Sends a code to the NEW address and answers the OTP token that carries the new value. A value another
     * customer (or another login) already holds is refused now rather than after the customer typed the code —
     * but only after the resend throttle, which that answer spends like a send: otherwise the route would be a
     * free, unthrottled "is this address registered?" oracle (issue 16). The refusal commits the throttle claim
     * on its own, hence the programmatic transactions. The resend throttle is that of the new address's channel
     * ({@code email-verification} or {@code phone-verification}{@code .resend-throttle-seconds}, SPEC 8a
     * "Codes"). The message carries no name: the new address is not the customer's yet (SPEC 10 "Input").
     */
    public IssuedOtp requestChange(CustomerActor actor, NewContact contact) {
        Customer customer = customer(actor);
        if (contact.value().equals(current(customer, contact.field()))) {
            throw ApiException.invalid("Invalid request: Field '" + contact.field().id() + "' is already your "
                    + contact.field().id());
        }
        Duration throttle = throttles.of(contact.field().channel);
        if (heldByAnotherCustomer(contact, customer.id()) || heldByAnotherLogin(actor, contact)) {
            transaction.executeWithoutResult(status -> otps.spendThrottle(customer.id(), OtpPurpose.CONTACT_CHANGE, throttle));
            throw inUse(contact.field());
        }
        Map<String, Object> model = new HashMap<>();
        model.put("new_value", contact.value());
        return transaction.execute(status -> otps.issue(customer.id(), OtpPurpose.CONTACT_CHANGE,
                contact.field().channel, contact.value(), throttle, contact.encoded(), model));
    }

    /**
     * Applies the change the code proves, all or nothing: field and verified flag, the login keyed by the
     * field, a new credential version (every older token of the caller is refused) and the fresh login token.
     */
    @Transactional
    public ChangedContact confirmChange(CustomerActor actor, String token, String code) {
        // Another customer's code (by its stored record, not by any claim) is answered like any token that is not
        // valid here, before the code is tried. 400 rather than 401: the caller's session is fine. A token whose
        // new value is not the one the code was sent for is refused the same way (the record binds its hash).
        var otp = otps.consumeOwn(actor.customerId(), token, code, OtpPurpose.CONTACT_CHANGE);
        NewContact contact = NewContact.decode(otp.newValue()).orElseThrow(OtpErrors::invalid);
        Customer before = customer(actor);
        // Taken meanwhile by another customer: refused, and the code stays unused (this transaction rolls back).
        if (heldByAnotherCustomer(contact, before.id())) {
            throw inUse(contact.field());
        }
        try {
            boolean changed = contact.field() == ContactField.EMAIL
                    ? customers.changeVerifiedEmail(before.id(), contact.value())
                    : customers.changeVerifiedPhone(before.id(), contact.value());
            if (!changed) {
                throw ApiException.unauthorized("Unauthorized");
            }
            // The login keyed by this field moves with it (when the identity has one), so that the new value
            // logs in and the old one no longer does — not even for a password reset to an address that may
            // now belong to someone else. The unique constraint refuses a value another login holds; the
            // whole change, the customer row included, then rolls back.
            identities.moveEntityId(actor.authIdentityId(), contact.field().provider, contact.value());
        } catch (DuplicateKeyException e) {
            throw inUse(contact.field());
        }
        identities.bumpCredentialVersion(actor.authIdentityId());
        var identity = identities.findById(actor.authIdentityId()).orElseThrow();
        Customer after = customer(actor);
        events.publishEvent(new ContactChanged(after.id(), contact.field().id(), current(before, contact.field()),
                contact.value()));
        return new ChangedContact(after, tokens.issue(identity, actor.provider()));
    }

    record ChangedContact(Customer customer, String token) {
        @Override
        public String toString() {
            return "ChangedContact[" + customer.id() + "]";
        }
    }

    private boolean heldByAnotherCustomer(NewContact contact, String customerId) {
        return customers.findBy(contact.field().kind, contact.value())
                .filter(other -> !other.id().equals(customerId)).isPresent();
    }

    /** Our login keyed by this field would move onto a value another login (maybe without customer) holds. */
    private boolean heldByAnotherLogin(CustomerActor actor, NewContact contact) {
        Provider provider = contact.field().provider;
        return identities.findEntityId(actor.authIdentityId(), provider).isPresent()
                && identities.findCustomerIdentity(provider, contact.value())
                        .filter(other -> !other.id().equals(actor.authIdentityId())).isPresent();
    }

    private Customer customer(CustomerActor actor) {
        return customers.findById(actor.customerId()).orElseThrow(() -> ApiException.unauthorized("Unauthorized"));
    }

    private static String current(Customer customer, ContactField field) {
        return customer.address(field.kind);
    }

    private static ApiException inUse(ContactField field) {
        return new ApiException(ErrorType.DUPLICATE, "This " + field.id() + " is already in use by another account",
                "contact_in_use");
    }
}
