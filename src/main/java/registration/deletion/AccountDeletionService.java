package registration.deletion;

import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import registration.auth.ActorType;
import registration.auth.AuthIdentities;
import registration.auth.CustomerActor;
import registration.auth.Suspension;
import registration.customer.Customer;
import registration.customer.Customers;
import registration.identifier.Email;
import registration.identifier.IdentifierKind;
import registration.identifier.PhoneNumbers;
import registration.notification.Channel;
import registration.otp.IssuedOtp;
import registration.otp.OtpErrors;
import registration.otp.OtpPurpose;
import registration.otp.OtpService;
import registration.web.ApiException;
import registration.web.ErrorType;

/**
 * The four customer steps of an account deletion (SPEC 3 "Account deletion"): request → confirm, and
 * cancel-request → cancel-confirm while it is scheduled. {@link DeletionJob} carries out what is due.
 */
@Service
public class AccountDeletionService {

    private final DeletionRequests requests;
    private final Customers customers;
    private final AuthIdentities identities;
    private final OtpService otps;
    private final DeletionNotices notices;
    private final PhoneNumbers phones;
    private final DeletionSettings settings;
    private final DeletionPostponements postponements;
    private final ApplicationEventPublisher events;

    AccountDeletionService(DeletionRequests requests, Customers customers, AuthIdentities identities, OtpService otps,
                           DeletionNotices notices, PhoneNumbers phones, DeletionSettings settings,
                           DeletionPostponements postponements, ApplicationEventPublisher events) {
        this.postponements = postponements;
        this.events = events;
        this.requests = requests;
        this.customers = customers;
        this.identities = identities;
        this.otps = otps;
        this.notices = notices;
        this.phones = phones;
        this.settings = settings;
    }

    /**
     * {@code request}: sends the confirmation code (email, else SMS) and opens a pending request in place of
     * any pending one. Inside the channel's resend throttle → 429; a concurrent twin loses the same way.
     */
    @Transactional
    public IssuedOtp requestDeletion(CustomerActor actor, String reason) {
        Customer customer = customers.findById(actor.customerId())
                .orElseThrow(() -> ApiException.unauthorized("Unauthorized"));
        IssuedOtp code = notices.sendRequestCode(customer); // supersedes the code of a pending request
        try {
            DeletionRequest request = requests.openPending(customer.id(), reason, customer.email(), customer.phone());
            events.publishEvent(new DeletionRequested(customer.id(), request.id()));
        } catch (DuplicateKeyException e) {
            // Another request of this customer was opened meanwhile (or one is confirmed): one open at most.
            throw new ApiException(ErrorType.CONFLICT, "An account deletion request is already in progress",
                    "deletion_in_progress");
        }
        return code;
    }

    /**
     * {@code confirm}: schedules the deletion {@code scheduled-days} from now, revokes every token of the
     * customer and suspends the account (login and {@code /me} answer 403) until it is cancelled or done.
     */
    @Transactional
    public DeletionRequest confirmDeletion(String token, String code) {
        var otp = otps.consume(token, code, OtpPurpose.ACCOUNT_DELETION_REQUEST);
        Customer customer = customers.findById(otp.customerId()).orElseThrow(OtpErrors::invalid);
        DeletionRequest request = requests.markConfirmed(customer.id(), settings.gracePeriod())
                .orElseThrow(OtpErrors::invalid); // replaced by a newer request meanwhile
        identities.findByActor(ActorType.CUSTOMER, customer.id()).ifPresent(identity -> {
            identities.bumpCredentialVersion(identity.id());
            identities.suspend(identity.id(), Suspension.ACCOUNT_DELETION_SCHEDULED);
        });
        events.publishEvent(new DeletionScheduled(request)); // the notice, the store's event, the audit trail
        return request;
    }

    /**
     * {@code cancel-request}: a code to the given address when it is the current email or phone of a
     * customer whose deletion is scheduled; otherwise — and inside the resend throttle or past a send budget —
     * a handle of the same shape (to the newest live code, or to a decoy that reaches nobody), so that the
     * answer never tells whether such a customer exists. A repeat never kills a code already sent.
     */
    @Transactional
    public IssuedOtp requestCancel(String email, String phone) {
        if ((email == null) == (phone == null)) {
            throw ApiException.invalid("Invalid request: Provide exactly one of 'email' or 'phone'");
        }
        IdentifierKind kind = email != null ? IdentifierKind.EMAIL : IdentifierKind.PHONE; // the one field given
        String identifier = email != null ? Email.of(email).value() : phones.parse(phone).value();
        if (kind == IdentifierKind.PHONE) {
            phones.requireSmsRegion(identifier); // before the lookup: the same answer whether the number is known or not
        }
        Optional<Customer> customer = customers.findBy(kind, identifier);
        Optional<Customer> scheduled = customer.filter(found -> requests.hasConfirmed(found.id()));
        var sent = notices.sendCancelCode(identifier, Channel.of(kind), scheduled);
        if (sent.overBudget()) {
            // The owner asked and got no code (the address's send budget is spent): the deletion must not run
            // before they can try again (SPEC §11; at most 7 days of postponement in all).
            postponements.postponeForBlockedCancel(scheduled.get().id());
        }
        return sent.handle();
    }

    /**
     * {@code cancel-confirm}: cancels the scheduled deletion and lifts the suspension; the customer signs in
     * again (tokens revoked at confirmation stay revoked). Too late once completed → 409.
     */
    @Transactional
    public DeletionRequest confirmCancel(String token, String code) {
        var otp = otps.consume(token, code, OtpPurpose.ACCOUNT_DELETION_CANCEL);
        DeletionRequest request = requests.markCancelled(otp.customerId()).orElseThrow(() ->
                requests.hasCompleted(otp.customerId())
                        ? new ApiException(ErrorType.CONFLICT, "The account has already been deleted", "deletion_completed")
                        : new ApiException(ErrorType.CONFLICT, "There is no scheduled account deletion to cancel",
                                "deletion_not_scheduled"));
        identities.findByActor(ActorType.CUSTOMER, otp.customerId())
                .ifPresent(identity -> identities.lift(identity.id(), Suspension.ACCOUNT_DELETION_SCHEDULED));
        events.publishEvent(new DeletionCancelled(request));
        return request;
    }
}
