package registration.deletion;

import java.time.Instant;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import registration.auth.CustomerActor;
import registration.otp.IssuedOtp;

/** {@code /store/customers/account-deletion/*}: request, confirm, cancel-request, cancel-confirm. */
@RestController
class AccountDeletionController {

    private final AccountDeletionService deletions;

    AccountDeletionController(AccountDeletionService deletions) {
        this.deletions = deletions;
    }

    record DeletionRequestBody(@Size(max = 1000, message = "must be at most 1000 characters") String reason) {
    }

    record CodeBody(@NotBlank String token, @NotBlank String code) {
        @Override
        public String toString() {
            return "CodeBody[<hidden>]";
        }
    }

    record CancelRequestBody(String email, String phone) {
    }

    record TokenAnswer(String token, Instant expiresAt) {
        static TokenAnswer of(IssuedOtp otp) {
            return new TokenAnswer(otp.token(), otp.expiresAt());
        }
    }

    /** {@code {request}}: the deletion request after the step. */
    record DeletionRequestAnswer(DeletionRequest request) {
    }

    @PostMapping("/store/customers/account-deletion/request")
    TokenAnswer request(CustomerActor actor, @Valid @RequestBody(required = false) DeletionRequestBody body) {
        return TokenAnswer.of(deletions.requestDeletion(actor, body == null ? null : body.reason()));
    }

    @PostMapping("/store/customers/account-deletion/confirm")
    DeletionRequestAnswer confirm(@Valid @RequestBody CodeBody body) {
        return new DeletionRequestAnswer(deletions.confirmDeletion(body.token(), body.code()));
    }

    @PostMapping("/store/customers/account-deletion/cancel-request")
    TokenAnswer cancelRequest(@Valid @RequestBody CancelRequestBody body) {
        return TokenAnswer.of(deletions.requestCancel(body.email(), body.phone()));
    }

    @PostMapping("/store/customers/account-deletion/cancel-confirm")
    DeletionRequestAnswer cancelConfirm(@Valid @RequestBody CodeBody body) {
        return new DeletionRequestAnswer(deletions.confirmCancel(body.token(), body.code()));
    }
}
