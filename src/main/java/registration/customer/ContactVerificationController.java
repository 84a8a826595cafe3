package registration.customer;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

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

    @PostMapping("/store/customers/otp/send")
    SendResponse send(@Valid @RequestBody SendRequest body) {
        VerificationSent sent = verifications.send(body.customerId(), body.type());
        return new SendResponse(sent.token(), sent.expiresAt());
    }

    /** {@code {verified, customer, email_verified | phone_verified, token?, needs_login}}. */
    @PostMapping("/store/customers/otp/verify")
    Map<String, Object> verify(@Valid @RequestBody VerifyRequest body) {
        VerifiedContact verified = verifications.verify(body.token(), body.code());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("verified", true);
        answer.put("customer", CustomerView.of(verified.customer()));
        answer.put(verified.contact().field() + "_verified", true);
        if (verified.loginToken() != null) {
            answer.put("token", verified.loginToken());
        }
        answer.put("needs_login", verified.loginToken() == null);
        return answer;
    }
}
