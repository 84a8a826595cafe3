package registration.customer;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.github.f4b6a3.ulid.UlidCreator;

import registration.auth.ActorType;
import registration.auth.AuthIdentities;
import registration.auth.CustomerActor;
import registration.auth.CustomerVerification;
import registration.auth.Provider;
import registration.auth.RegistrationActor;
import registration.auth.RegistrationSettings;
import registration.auth.TokenCheck;
import registration.identifier.IdentifierKind;
import registration.identifier.IdentifierMode;
import registration.identifier.Identifiers;
import registration.web.ApiException;
import registration.web.ErrorType;

/** Creating the customer behind a registered identity, reading and updating its profile. */
@Service
public class CustomerService implements CustomerVerification {

    static final int MAX_METADATA_BYTES = 16 * 1024;

    private final Customers customers;
    private final AuthIdentities identities;
    private final Identifiers identifiers;
    private final RegistrationSettings registration;
    private final ContactVerificationService verifications;
    private final ApplicationEventPublisher events;
    private final TokenCheck tokens;
    private final Addresses addresses;

    CustomerService(Customers customers, AuthIdentities identities, Identifiers identifiers,
                    RegistrationSettings registration, ContactVerificationService verifications,
                    ApplicationEventPublisher events, TokenCheck tokens, Addresses addresses) {
        this.customers = customers;
        this.addresses = addresses;
        this.identities = identities;
        this.tokens = tokens;
        this.events = events;
        this.identifiers = identifiers;
        this.registration = registration;
        this.verifications = verifications;
    }

    /**
     * {@code POST /store/customers}: the customer for a registration token's identity. The fields the
     * registration mode requires must be present, the registered identifier must equal its field, and in
     * {@code both} mode the second identifier becomes a login of its own with the same password. With
     * {@code email-verification.auto-send-on-registration} the verification code is sent in the same
     * transaction, so a customer never exists without the code the answer names.
     */
    @Transactional
    public CreatedCustomer create(RegistrationActor actor, NewCustomerRequest body) {
        if (actor.identity().actorId() != null) {
            throw alreadyHasAccount(actor.provider());
        }
        IdentifierMode mode = registration.identifier();
        IdentifierKind registered = actor.provider().identifier();
        var contacts = new EnumMap<IdentifierKind, String>(IdentifierKind.class); // normalised email and phone
        for (IdentifierKind kind : IdentifierKind.values()) {
            if (body.contact(kind) != null) {
                contacts.put(kind, identifiers.normalise(kind, body.contact(kind)));
            }
        }
        for (IdentifierKind kind : IdentifierKind.values()) {
            if (!contacts.containsKey(kind) && (mode.allows(kind) || kind == registered)) {
                throw ApiException.invalid("Invalid request: Field '" + kind.field() + "' is required");
            }
        }
        String registeredValue = identities.findEntityId(actor.identity().id(), actor.provider()).orElseThrow();
        if (!registeredValue.equals(contacts.get(registered))) {
            throw ApiException.invalid("Invalid request: Field '" + actor.provider().field()
                    + "' must be the " + actor.provider().field() + " you registered with");
        }
        checkMetadata(body.metadata());

        String id = "cus_" + UlidCreator.getMonotonicUlid();
        Customer customer;
        try {
            customer = customers.insert(id, new Customers.NewCustomer(contacts.get(IdentifierKind.EMAIL),
                    contacts.get(IdentifierKind.PHONE), body.firstName(), body.lastName(), body.companyName(),
                    body.metadata()));
        } catch (DuplicateKeyException e) {
            throw contactTaken(e);
        }
        if (!identities.linkActor(actor.identity().id(), id)) {
            throw alreadyHasAccount(actor.provider()); // a concurrent request with the same token won
        }
        if (mode == IdentifierMode.BOTH) {
            addSecondLogin(actor, contacts.get(registered.other()));
        }
        events.publishEvent(new CustomerCreated(id, customer.email(), customer.phone(), actor.provider().id()));
        return new CreatedCustomer(customer, verifications.sendOnRegistration(customer, actor.provider()).orElse(null));
    }

    /**
     * {@code GET /store/customers/me}: the hottest read route. The identity its token is checked against and the
     * customer come from memory in the steady state (issue 26), so it runs no SQL.
     */
    CustomerView me(jakarta.servlet.http.HttpServletRequest request) {
        return tokens.customer(request, customers::findForMe);
    }

    /** The caller's customer with its addresses, as committed (for the data export and answers after a write). */
    public CustomerView view(CustomerActor actor) {
        return CustomerView.of(get(actor), addresses.listOf(actor.customerId()));
    }

    /** The caller's customer; a token whose customer no longer exists is no longer valid (401). */
    public Customer get(CustomerActor actor) {
        return customers.findById(actor.customerId()).orElseThrow(() -> ApiException.unauthorized("Unauthorized"));
    }

    /** {@code POST/PATCH /store/customers/me}: profile fields only; email and phone change by OTP. */
    @Transactional
    public Customer update(CustomerActor actor, UpdateCustomerRequest body) {
        if (body.email() != null) {
            throw new ApiException(ErrorType.NOT_ALLOWED, "Email changes require OTP verification. "
                    + "Use POST /store/customers/me/contact to request a change.");
        }
        if (body.phone() != null) {
            throw new ApiException(ErrorType.NOT_ALLOWED, "Phone changes require OTP verification. "
                    + "Use POST /store/customers/me/contact to request a change.");
        }
        if (body.metadata() != null) {
            checkMetadata(body.metadata().orElse(null));
        }
        get(actor);
        customers.updateProfile(actor.customerId(), new Customers.ProfileChange(body.firstName(), body.lastName(),
                body.companyName(), body.metadata()));
        return get(actor);
    }

    /** Whether the customer's email (or phone) is verified; for login's {@code require-verification} gate. */
    @Override
    public boolean isVerified(String customerId, IdentifierKind kind) {
        return customers.findById(customerId).map(c -> c.isVerified(kind)).orElse(false);
    }

    /** In {@code both} mode, the identifier the customer did not register with becomes a login of its own. */
    private void addSecondLogin(RegistrationActor actor, String otherValue) {
        Provider other = Provider.of(actor.provider().identifier().other());
        String hash = identities.findPasswordHash(actor.identity().id()).orElseThrow();
        try {
            identities.insertProvider(actor.identity().id(), ActorType.CUSTOMER, other, otherValue, hash);
        } catch (DuplicateKeyException e) {
            throw new ApiException(ErrorType.DUPLICATE, "Identity with " + other.field() + " already exists");
        }
    }

    private void checkMetadata(Map<String, Object> metadata) {
        if (metadata != null && customers.metadataJson(metadata).getBytes(StandardCharsets.UTF_8).length > MAX_METADATA_BYTES) {
            throw ApiException.invalid("Invalid request: Field 'metadata' must be at most 16 KB");
        }
    }

    private static ApiException alreadyHasAccount(Provider provider) {
        return new ApiException(ErrorType.DUPLICATE, "Customer with this " + provider.field() + " already has an account",
                "invalid_request_error");
    }

    /** Which unique constraint failed (the transaction is aborted on PostgreSQL, so it is read off the error). */
    private static ApiException contactTaken(DuplicateKeyException e) {
        String cause = String.valueOf(e.getMostSpecificCause().getMessage()).toLowerCase(java.util.Locale.ROOT);
        String field = cause.contains("uq_customer_phone") ? "phone" : "email";
        return new ApiException(ErrorType.DUPLICATE, "Customer with this " + field + " already has an account",
                "invalid_request_error");
    }
}
