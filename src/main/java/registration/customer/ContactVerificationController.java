package registration.customer;

import java.time.Instant;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import registration.identifier.IdentifierKind;

/** {@code POST /store/customers/otp/send} and {@code POST /store/customers/otp/verify} (no authentication). */
@RestController
class ContactVerificationController {

    private final ContactVerificationService verifications;

    ContactVerificationController(ContactVerificationService verifications) {
        this.verifications = verifications;
    }

    record SendRequest(@NotBlank String customerId, @NotBlank String type) {
    }

    record SendResponse(String token, Instant expiresAt) {
    }

    record VerifyRequest(@NotBlank String token, @NotBlank String code) {
    }

    /**
     * {@code {verified, customer, email_verified | phone_verified, token?, needs_login}}: one of the two flags (the
     * contact just verified) and {@code token} (a login JWT) when the customer can log in with that contact.
     */
    record VerifyResponse(boolean verified, CustomerView customer,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Boolean emailVerified,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Boolean phoneVerified,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String token, boolean needsLogin) {
        @Override
        public String toString() {
            return "VerifyResponse[needsLogin=" + needsLogin + "]";
        }
    }

    @PostMapping("/store/customers/otp/send")
    SendResponse send(@Valid @RequestBody SendRequest body) {
        VerificationSent sent = verifications.send(body.customerId(), body.type());
        return new SendResponse(sent.token(), sent.expiresAt());
    }

    @PostMapping("/store/customers/otp/verify")
    VerifyResponse verify(@Valid @RequestBody VerifyRequest body) {
        VerifiedContact verified = verifications.verify(body.token(), body.code());
        boolean email = verified.contact() == IdentifierKind.EMAIL;
        return new VerifyResponse(true, CustomerView.of(verified.customer()), email ? true : null, email ? null : true,
                verified.loginToken(), verified.loginToken() == null);
    }
}
