package registration.customer;

import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import registration.auth.CustomerLogins;
import registration.auth.Provider;
import registration.identifier.IdentifierKind;
import registration.notification.Channel;
import registration.otp.EmailVerificationSettings;
import registration.otp.IssuedOtp;
import registration.otp.OtpErrors;
import registration.otp.OtpPurpose;
import registration.otp.OtpService;
import registration.otp.ResendIntervals;
import registration.otp.VerifiedOtp;
import registration.web.ApiException;
import registration.web.ErrorType;

/**
 * Verification of the contact a customer registered with: {@code POST /store/customers/otp/send} and
 * {@code /verify}, and the code sent on registration ({@code email-verification.auto-send-on-registration}).
 */
@Service
public class ContactVerificationService {

    private final OtpService otps;
    private final Customers customers;
    private final CustomerLogins logins;
    private final EmailVerificationSettings email;
    private final ResendIntervals intervals;

    ContactVerificationService(OtpService otps, Customers customers, CustomerLogins logins, EmailVerificationSettings email,
                               ResendIntervals intervals) {
        this.otps = otps;
        this.customers = customers;
        this.logins = logins;
        this.email = email;
        this.intervals = intervals;
    }

    /**
     * {@code POST /store/customers/otp/send}. Unknown customer 404; a contact that is already verified 409,
     * checked before the resend throttle (429) so that the answer says what is wrong, not "wait".
     */
    @Transactional
    public VerificationSent send(String customerId, String type) {
        OtpPurpose purpose = OtpPurpose.ofId(type)
                .filter(p -> p.verifies().isPresent())
                .orElseThrow(() -> ApiException.invalid("Invalid request: Expected: 'email_verification, phone_verification'"
                        + " for field 'type', but got: '" + type + "'"));
        Customer customer = customers.findById(customerId)
                .orElseThrow(() -> new ApiException(ErrorType.NOT_FOUND, "Customer with id: " + customerId + " was not found"));
        return issue(customer, purpose.verifies().orElseThrow());
    }

    /**
     * Sends the verification code right after {@code POST /store/customers} created {@code customer}, in its
     * transaction; empty when {@code auto-send-on-registration} is off. The code goes to the contact the
     * customer registered with, unless {@code login.identifier} does not accept it (then to the other one):
     * verifying it then logs the customer in. Past the address's send budget no code is sent and the answer
     * is empty too: the customer is created all the same.
     */
    @Transactional
    public Optional<VerificationSent> sendOnRegistration(Customer customer, Provider registeredWith) {
        if (!email.autoSendOnRegistration()) {
            return Optional.empty();
        }
        IdentifierKind registered = registeredWith.identifier();
        IdentifierKind login = logins.accepts(registeredWith) ? registered : registered.other();
        try {
            return Optional.of(issue(customer, login));
        } catch (ApiException e) {
            if (!"send_budget_exceeded".equals(e.code())) {
                throw e;
            }
            // The address's send budget is spent: the sign-up still succeeds, without a code (send later).
            return Optional.empty();
        }
    }

    /**
     * {@code POST /store/customers/otp/verify}: uses the code up, sets the verified flag and, when the customer
     * can log in with the verified contact, issues a login token. Only the first verification sets the flag:
     * a code that outlived its purpose (the contact got verified meanwhile) answers 409 and stays unused.
     */
    @Transactional
    VerifiedContact verify(String token, String code) {
        VerifiedOtp otp = otps.consume(token, code, OtpPurpose.EMAIL_VERIFICATION, OtpPurpose.PHONE_VERIFICATION);
        IdentifierKind kind = otp.purpose().verifies().orElseThrow();
        if (otp.customerId() == null) {
            throw OtpErrors.invalid();
        }
        if (!customers.markNewlyVerified(otp.customerId(), kind)) { // read the customer only to say why not
            throw customers.findById(otp.customerId()).isPresent() ? alreadyVerified(kind) : OtpErrors.invalid();
        }
        Customer customer = customers.findById(otp.customerId()).orElseThrow(OtpErrors::invalid);
        String login = logins.issue(customer.id(), Provider.of(kind)).orElse(null);
        return new VerifiedContact(customer, kind, login);
    }

    private VerificationSent issue(Customer customer, IdentifierKind kind) {
        String recipient = customer.address(kind);
        if (recipient == null) {
            throw ApiException.invalid("Customer has no " + kind.field() + " to verify");
        }
        if (customer.isVerified(kind)) {
            throw alreadyVerified(kind);
        }
        // The verification settings allow only the channel that proves the address (email, SMS).
        Channel channel = Channel.of(kind);
        OtpPurpose purpose = OtpPurpose.verifying(kind);
        IssuedOtp otp = otps.issue(customer.id(), purpose, channel, recipient, intervals.of(channel), null,
                Map.of("customer", customer.templateModel()));
        return new VerificationSent(purpose.id(), otp.token(), otp.expiresAt());
    }

    /** {@code {{customer.first_name}}} … in the templates; absent values render empty. */

    private static ApiException alreadyVerified(IdentifierKind kind) {
        return new ApiException(ErrorType.CONFLICT, kind.label() + " is already verified", "already_verified");
    }
}
