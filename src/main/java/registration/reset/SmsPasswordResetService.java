package registration.reset;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import registration.auth.AuthIdentities;
import registration.auth.AuthIdentity;
import registration.auth.PasswordPolicy;
import registration.auth.Provider;
import registration.customer.Customer;
import registration.customer.Customers;
import registration.customer.Phone;
import registration.customer.PhoneNumbers;
import registration.notification.Channel;
import registration.otp.IssuedOtp;
import registration.otp.OtpErrors;
import registration.otp.OtpPurpose;
import registration.otp.OtpService;
import registration.web.ApiException;

/**
 * Password reset by SMS code for customers who log in by phone (SPEC 9): {@code POST
 * /auth/customer/phonepass/reset-password} answers an OTP token — a decoy for unknown numbers, so the
 * answer is the same — and {@code …/update} takes {@code {phone, token, code, password}}. A repeat inside
 * the resend throttle answers 429 (the client must keep the token it has), for unknown numbers alike.
 */
@Service
class SmsPasswordResetService {

    private final AuthIdentities identities;
    private final Customers customers;
    private final OtpService otps;
    private final ResetRequests requests;
    private final PhoneNumbers phones;
    private final PasswordChange passwordChange;

    SmsPasswordResetService(AuthIdentities identities, Customers customers, OtpService otps, ResetRequests requests,
                            PhoneNumbers phones, PasswordChange passwordChange) {
        this.identities = identities;
        this.customers = customers;
        this.otps = otps;
        this.requests = requests;
        this.phones = phones;
        this.passwordChange = passwordChange;
    }

    /**
     * Texts a code when {@code rawPhone} is a customer's phonepass login and answers its token; for any other
     * number answers a decoy token that reaches nobody and never verifies. The resend throttle is the reset
     * request's own, keyed by the number (the OTP engine's per-customer throttle would answer 429 only for
     * known numbers and so reveal them); a throttled request rolls back the code it just issued.
     */
    @Transactional
    public IssuedOtp requestReset(String rawPhone) {
        Phone phone = phones.parse(rawPhone);
        phones.requireSmsRegion(phone.value()); // before the lookup: the same answer whether the number is known or not
        // OTP codes belong to a customer, so a phone login whose customer was never created (or is gone) is
        // answered like an unknown number.
        Optional<AuthIdentity> identity = identities.findCustomerIdentity(Provider.PHONEPASS, phone.value());
        Optional<Customer> customer = identity.map(AuthIdentity::actorId).flatMap(customers::findById);
        if (customer.isEmpty()) {
            identity = Optional.empty();
        }
        IssuedOtp otp;
        if (customer.isPresent()) {
            Map<String, Object> model = new HashMap<>();
            model.put("customer", customer.get().templateModel());
            otp = otps.issue(customer.get().id(), OtpPurpose.PASSWORD_RESET, Channel.SMS, phone.value(), Duration.ZERO,
                    null, model);
        } else {
            // Named after the customer who has this number, if any, as every decoy is (see issueDecoy).
            otp = otps.issueDecoy(OtpPurpose.PASSWORD_RESET, phone.value(),
                    customers.findByPhone(phone.value()).map(Customer::id).orElse(null));
        }
        requests.open(Provider.PHONEPASS, phone.value(), identity.map(AuthIdentity::id).orElse(null),
                identity.isPresent() ? otp.token() : null).ifPresent(wait -> {
                    throw ApiException.tooManyRequests("Please wait before requesting another code", "reset_throttled", wait);
                });
        return otp;
    }

    /**
     * Sets the new password when the code is right for the newest reset request of {@code rawPhone}. Answers
     * like every {@code {token, code}} route: 400 {@code otp_wrong_code} or {@code otp_invalid}.
     */
    @Transactional
    public void resetPassword(String rawPhone, String token, String code, String password) {
        Phone phone = phones.parse(rawPhone);
        phones.requireSmsRegion(phone.value()); // before the lookup: the same answer whether the number is known or not
        PasswordPolicy.check(password, phone.value()); // before the code is tried: a refused password costs no attempt
        otps.consume(token, code, OtpPurpose.PASSWORD_RESET);
        // Superseded by a newer request, or a token sent to another number: not valid here (and the code
        // stays unused, as this transaction rolls back).
        String identityId = requests.consume(Provider.PHONEPASS, phone.value(), token).orElseThrow(OtpErrors::invalid);
        AuthIdentity identity = identities.findById(identityId).orElseThrow(OtpErrors::invalid);
        identities.findEntityId(identity.id(), Provider.PHONEPASS).filter(phone.value()::equals)
                .orElseThrow(OtpErrors::invalid);
        passwordChange.apply(identity, Provider.PHONEPASS, phone.value(), password);
    }
}
