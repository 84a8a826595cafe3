package registration.reset;

import java.util.concurrent.CompletableFuture;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import registration.otp.IssuedOtp;
import registration.web.ApiException;
import registration.web.Success;

/**
 * Password reset routes under {@code /auth/customer/{emailpass|phonepass}}. The two {@code …/update} routes hash the
 * new password and answer a future, so no request thread waits for the hash (issue 22).
 */
@RestController
class PasswordResetController {

    private final PasswordResetService emailResets;
    private final SmsPasswordResetService smsResets;

    PasswordResetController(PasswordResetService emailResets, SmsPasswordResetService smsResets) {
        this.emailResets = emailResets;
        this.smsResets = smsResets;
    }

    record ResetRequest(@NotNull String identifier) {
        @Override
        public String toString() {
            return "ResetRequest[<hidden>]";
        }
    }

    /** The token in the body, or {@code Authorization: Bearer <reset token>} with an optional {@code email}. */
    record EmailUpdate(String token, String email, @NotNull String password) {
        @Override
        public String toString() {
            return "EmailUpdate[<hidden>]";
        }
    }

    /** {@code {identifier}} as on the emailpass twin, or {@code {phone}} as on the other phonepass routes. */
    record PhoneResetRequest(String identifier, String phone) {

        String number() {
            if (identifier != null && phone != null) {
                throw ApiException.invalid("Invalid request: Provide either 'identifier' or 'phone', not both");
            }
            if (identifier == null && phone == null) {
                throw ApiException.invalid("Invalid request: Field 'identifier' is required");
            }
            return identifier != null ? identifier : phone;
        }

        @Override
        public String toString() {
            return "PhoneResetRequest[<hidden>]";
        }
    }

    record PhoneUpdate(@NotNull String phone, @NotNull String token, @NotNull String code, @NotNull String password) {
        @Override
        public String toString() {
            return "PhoneUpdate[<hidden>]";
        }
    }

    @PostMapping("/auth/customer/emailpass/reset-password")
    @ResponseStatus(HttpStatus.CREATED) // for the API document: the ResponseEntity says it to the client
    ResponseEntity<Void> requestByEmail(@Valid @RequestBody ResetRequest body) {
        emailResets.requestReset(body.identifier()); // the same answer for unknown identifiers
        return ResponseEntity.status(HttpStatus.CREATED).build();
    }

    @PostMapping("/auth/customer/emailpass/update")
    CompletableFuture<Success> updateByEmail(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                             @Valid @RequestBody EmailUpdate body) {
        String token = body.token() != null ? body.token() : bearer(authorization);
        return emailResets.resetPassword(token, body.email(), body.password()).thenApply(done -> Success.TRUE);
    }

    @PostMapping("/auth/customer/phonepass/reset-password")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<IssuedOtp> requestByPhone(@Valid @RequestBody PhoneResetRequest body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(smsResets.requestReset(body.number()));
    }

    @PostMapping("/auth/customer/phonepass/update")
    CompletableFuture<Success> updateByPhone(@Valid @RequestBody PhoneUpdate body) {
        return smsResets.resetPassword(body.phone(), body.token(), body.code(), body.password()).thenApply(done -> Success.TRUE);
    }

    private static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).trim();
    }
}
