package registration.reset;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import registration.auth.ActorType;
import registration.auth.AuthIdentities;
import registration.auth.AuthIdentity;
import registration.auth.PasswordPolicy;
import registration.auth.Provider;
import registration.customer.Customer;
import registration.customer.Customers;
import registration.identifier.Phone;
import registration.identifier.PhoneNumbers;
import registration.notification.Channel;
import registration.otp.IssuedOtp;
import registration.otp.OtpErrors;
import registration.otp.OtpPurpose;
import registration.otp.OtpService;
import registration.otp.VerifiedOtp;

/**
 * Password reset by SMS code for customers who log in by phone (SPEC 9): {@code POST
 * /auth/customer/phonepass/reset-password} answers an OTP handle — the same shape for unknown numbers, and
 * the same inside the resend throttle (then a handle to the code already sent) — and {@code …/update} takes
 * {@code {phone, token, code, password}}. Codes, throttle and wrong-code cap are keyed by the number, so an
 * unknown number is throttled, counted and locked exactly as a known one (SPEC §10, §11).
 */
@Service
class SmsPasswordResetService {

    private final AuthIdentities identities;
    private final Customers customers;
    private final OtpService otps;
    private final PhoneNumbers phones;
    private final PasswordResetSettings settings;
    private final PasswordChange passwordChange;

    SmsPasswordResetService(AuthIdentities identities, Customers customers, OtpService otps, PhoneNumbers phones,
                            PasswordResetSettings settings, PasswordChange passwordChange) {
        this.identities = identities;
        this.customers = customers;
        this.otps = otps;
        this.phones = phones;
        this.settings = settings;
        this.passwordChange = passwordChange;
    }

    /**
     * Texts a code when {@code rawPhone} is a customer's phonepass login and answers its handle; for any other
     * number, inside {@code password-reset.resend-throttle-seconds} or past a send budget, answers a handle of
     * the same shape (to the newest live code, or a decoy that reaches nobody and never verifies).
     */
    @Transactional
    public IssuedOtp requestReset(String rawPhone) {
        Phone phone = phones.parse(rawPhone);
        phones.requireSmsRegion(phone.value()); // before the lookup: the same answer whether the number is known or not
        // OTP codes belong to a customer, so a phone login whose customer was never created (or is gone) is
        // answered like an unknown number.
        Optional<Customer> customer = identities.findCustomerIdentity(Provider.PHONEPASS, phone.value())
                .map(AuthIdentity::actorId).flatMap(customers::findById);
        return otps.issueForIdentifier(OtpPurpose.PASSWORD_RESET, phone.value(), settings.resendThrottle(),
                customer.map(owner -> {
                    Map<String, Object> model = new HashMap<>();
                    model.put("customer", owner.templateModel());
                    return new OtpService.Recipient(owner.id(), Channel.SMS, phone.value(), model);
                })).handle();
    }

    /**
     * Sets the new password when the code is right and {@code rawPhone} is still the phonepass login of the
     * customer the code was sent to (read from the code's record, never from the token). Answers like every
     * {@code {token, code}} route: 400 {@code otp_wrong_code} or {@code otp_invalid}, 429 {@code otp_locked}. The
     * code is tried after the hash, in the transaction that writes it ({@link PasswordChange}): a code cannot be
     * checked without being counted, and no transaction may wait for a hash, so a wrong code costs a hash too (the
     * route is rate-limited), and while the hashing queue is full the answer is 503 and the code is not tried.
     */
    public CompletableFuture<Void> resetPassword(String rawPhone, String token, String code, String password) {
        Phone phone = phones.parse(rawPhone);
        phones.requireSmsRegion(phone.value()); // before the lookup: the same answer whether the number is known or not
        PasswordPolicy.check(password, phone.value()); // before the code is tried: a refused password costs no attempt
        return passwordChange.change(Provider.PHONEPASS, phone.value(), password, () -> {
            VerifiedOtp otp = otps.consume(token, code, OtpPurpose.PASSWORD_RESET);
            // A code sent to another number, or a login that moved meanwhile: not valid here (and the code stays
            // unused, as the transaction rolls back).
            AuthIdentity identity = identities.findByActor(ActorType.CUSTOMER, otp.customerId()).orElseThrow(OtpErrors::invalid);
            identities.findEntityId(identity.id(), Provider.PHONEPASS).filter(phone.value()::equals)
                    .orElseThrow(OtpErrors::invalid);
            return identity;
        });
    }
}
