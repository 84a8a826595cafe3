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
            "This account is scheduled for deletion. Cancel the deletion to use it again."),

    /**
     * Blocked by an operator (a customer), or disabled (an admin user): column {@code auth_identity.blocked_at},
     * never stored in {@code suspension}, and it wins over a stored suspension. Unlike the others it is not told:
     * login answers exactly as to a wrong password and a token exactly as a revoked one, 401 (SPEC 11 "Errors":
     * a 403 after a correct password would confirm the password).
     */
    BLOCKED("blocked", null);

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

    /** Whether the actor is told why (403 with the code); {@link #BLOCKED} is not. */
    boolean told() {
        return message != null;
    }

    ApiException error() {
        return told() ? new ApiException(ErrorType.FORBIDDEN, message, code) : ApiException.unauthorized("Unauthorized");
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
