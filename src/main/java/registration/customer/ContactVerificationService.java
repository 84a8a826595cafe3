package registration.customer;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import registration.auth.CustomerLogins;
import registration.auth.Provider;
import registration.notification.Channel;
import registration.otp.EmailVerificationSettings;
import registration.otp.IssuedOtp;
import registration.otp.OtpErrors;
import registration.otp.OtpPurpose;
import registration.otp.OtpService;
import registration.otp.PhoneVerificationSettings;
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
    private final PhoneVerificationSettings phone;

    ContactVerificationService(OtpService otps, Customers customers, CustomerLogins logins, EmailVerificationSettings email,
                           PhoneVerificationSettings phone) {
        this.otps = otps;
        this.customers = customers;
        this.logins = logins;
        this.email = email;
        this.phone = phone;
    }

    /**
     * {@code POST /store/customers/otp/send}. Unknown customer 404; a contact that is already verified 409,
     * checked before the resend throttle (429) so that the answer says what is wrong, not "wait".
     */
    @Transactional
    public VerificationSent send(String customerId, String type) {
        OtpPurpose purpose = OtpPurpose.ofId(type)
                .filter(p -> p == OtpPurpose.EMAIL_VERIFICATION || p == OtpPurpose.PHONE_VERIFICATION)
                .orElseThrow(() -> ApiException.invalid("Invalid request: Expected: 'email_verification, phone_verification'"
                        + " for field 'type', but got: '" + type + "'"));
        Customer customer = customers.findById(customerId)
                .orElseThrow(() -> new ApiException(ErrorType.NOT_FOUND, "Customer with id: " + customerId + " was not found"));
        return issue(customer, purpose);
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
        Provider login = logins.accepts(registeredWith) ? registeredWith
                : registeredWith == Provider.EMAILPASS ? Provider.PHONEPASS : Provider.EMAILPASS;
        try {
            return Optional.of(issue(customer, login == Provider.EMAILPASS ? OtpPurpose.EMAIL_VERIFICATION
                    : OtpPurpose.PHONE_VERIFICATION));
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
        boolean byEmail = otp.purpose() == OtpPurpose.EMAIL_VERIFICATION;
        if (otp.customerId() == null || customers.findById(otp.customerId()).isEmpty()) {
            throw OtpErrors.invalid(); // the customer is gone
        }
        if (!customers.markNewlyVerified(otp.customerId(), byEmail)) {
            throw alreadyVerified(byEmail);
        }
        Customer customer = customers.findById(otp.customerId()).orElseThrow(OtpErrors::invalid);
        String login = logins.issue(customer.id(), byEmail ? Provider.EMAILPASS : Provider.PHONEPASS).orElse(null);
        return new VerifiedContact(customer, otp.purpose(), login);
    }

    private VerificationSent issue(Customer customer, OtpPurpose purpose) {
        boolean byEmail = purpose == OtpPurpose.EMAIL_VERIFICATION;
        String recipient = byEmail ? customer.email() : customer.phone();
        if (recipient == null) {
            throw ApiException.invalid("Customer has no " + (byEmail ? "email" : "phone") + " to verify");
        }
        if (byEmail ? customer.emailVerified() : customer.phoneVerified()) {
            throw alreadyVerified(byEmail);
        }
        Channel channel = byEmail ? email.channel() : phone.channel();
        Duration throttle = Duration.ofSeconds(byEmail ? email.resendThrottleSeconds() : phone.resendThrottleSeconds());
        IssuedOtp otp = otps.issue(customer.id(), purpose, channel, recipient, throttle, null,
                Map.of("customer", customer.templateModel()));
        return new VerificationSent(purpose.id(), otp.token(), otp.expiresAt());
    }

    /** {@code {{customer.first_name}}} … in the templates; absent values render empty. */

    private static ApiException alreadyVerified(boolean email) {
        return new ApiException(ErrorType.CONFLICT, (email ? "Email" : "Phone") + " is already verified", "already_verified");
    }
}
