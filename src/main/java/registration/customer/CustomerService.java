package registration.customer;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.github.f4b6a3.ulid.UlidCreator;

import registration.auth.ActorType;
import registration.auth.AuthIdentities;
import registration.auth.CustomerActor;
import registration.auth.IdentifierMode;
import registration.auth.Provider;
import registration.auth.RegistrationActor;
import registration.auth.RegistrationSettings;
import registration.auth.TokenCheck;
import registration.otp.OtpVerificationService;
import registration.web.ApiException;
import registration.web.ErrorType;

/** Creating the customer behind a registered identity, reading and updating its profile. */
@Service
public class CustomerService {

    static final int MAX_METADATA_BYTES = 16 * 1024;

    private final Customers customers;
    private final AuthIdentities identities;
    private final PhoneNumbers phones;
    private final RegistrationSettings registration;
    private final OtpVerificationService verifications;
    private final ApplicationEventPublisher events;
    private final TokenCheck tokens;

    CustomerService(Customers customers, AuthIdentities identities, PhoneNumbers phones,
                    RegistrationSettings registration, OtpVerificationService verifications, ApplicationEventPublisher events,
                    TokenCheck tokens) {
        this.customers = customers;
        this.identities = identities;
        this.tokens = tokens;
        this.events = events;
        this.phones = phones;
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
        Email email = body.email() == null ? null : Email.of(body.email());
        Phone phone = body.phone() == null ? null : phones.parse(body.phone());
        if (email == null && (mode != IdentifierMode.PHONE || actor.provider() == Provider.EMAILPASS)) {
            throw ApiException.invalid("Invalid request: Field 'email' is required");
        }
        if (phone == null && (mode != IdentifierMode.EMAIL || actor.provider() == Provider.PHONEPASS)) {
            throw ApiException.invalid("Invalid request: Field 'phone' is required");
        }
        String registeredValue = identities.findEntityId(actor.identity().id(), actor.provider()).orElseThrow();
        String given = actor.provider() == Provider.EMAILPASS ? email.value() : phone.value();
        if (!registeredValue.equals(given)) {
            throw ApiException.invalid("Invalid request: Field '" + actor.provider().field()
                    + "' must be the " + actor.provider().field() + " you registered with");
        }
        checkMetadata(body.metadata());

        String id = "cus_" + UlidCreator.getMonotonicUlid();
        Customer customer;
        try {
            customer = customers.insert(id, new Customers.NewCustomer(email == null ? null : email.value(),
                    phone == null ? null : phone.value(), body.firstName(), body.lastName(), body.companyName(),
                    body.metadata()));
        } catch (DuplicateKeyException e) {
            throw contactTaken(e);
        }
        if (!identities.linkActor(actor.identity().id(), id)) {
            throw alreadyHasAccount(actor.provider()); // a concurrent request with the same token won
        }
        if (mode == IdentifierMode.BOTH) {
            addSecondLogin(actor, email, phone);
        }
        events.publishEvent(new CustomerCreated(id, customer.email(), customer.phone(), actor.provider().id()));
        return new CreatedCustomer(customer, verifications.sendOnRegistration(customer, actor.provider()).orElse(null));
    }

    /**
     * {@code GET /store/customers/me}: the hottest read route. The identity its token is checked against and the
     * customer come from memory in the steady state (issue 26), so it runs no SQL.
     */
    Customer me(String authorizationHeader) {
        return tokens.customer(authorizationHeader, customers::findForMe);
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
    public boolean isVerified(String customerId, Provider provider) {
        return customers.findById(customerId)
                .map(c -> provider == Provider.EMAILPASS ? c.emailVerified() : c.phoneVerified())
                .orElse(false);
    }

    private void addSecondLogin(RegistrationActor actor, Email email, Phone phone) {
        Provider other = actor.provider() == Provider.EMAILPASS ? Provider.PHONEPASS : Provider.EMAILPASS;
        String hash = identities.findPasswordHash(actor.identity().id()).orElseThrow();
        try {
            identities.insertProvider(actor.identity().id(), ActorType.CUSTOMER, other,
                    other == Provider.EMAILPASS ? email.value() : phone.value(), hash);
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
