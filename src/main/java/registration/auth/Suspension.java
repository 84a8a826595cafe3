package registration.auth;

import java.util.Optional;

import registration.web.ApiException;
import registration.web.ErrorType;

/**
 * Why an identity may not sign in or use its tokens for the time being (column {@code auth_identity.suspension}).
 * A suspended customer is answered 403 {@code not_allowed} with the suspension's code at login — after the
 * password check — and on every route that takes a customer token.
 */
public enum Suspension {

    /** A confirmed account deletion waits for its scheduled time (SPEC 3 "Account deletion"). */
    ACCOUNT_DELETION_SCHEDULED("account_deletion_scheduled",
            "This account is scheduled for deletion. Cancel the deletion to use it again.");

    private final String code;
    private final String message;

    Suspension(String code, String message) {
        this.code = code;
        this.message = message;
    }

    /** The stored value and the error's {@code code}. */
    public String code() {
        return code;
    }

    ApiException error() {
        return new ApiException(ErrorType.FORBIDDEN, message, code);
    }

    static Optional<Suspension> ofCode(String code) {
        for (Suspension s : values()) {
            if (s.code.equals(code)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
