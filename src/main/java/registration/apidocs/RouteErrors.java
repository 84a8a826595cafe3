package registration.apidocs;

import static registration.web.ErrorType.CONFLICT;
import static registration.web.ErrorType.DUPLICATE;
import static registration.web.ErrorType.FORBIDDEN;
import static registration.web.ErrorType.INVALID_DATA;
import static registration.web.ErrorType.NOT_ALLOWED;
import static registration.web.ErrorType.NOT_FOUND;
import static registration.web.ErrorType.SERVICE_UNAVAILABLE;
import static registration.web.ErrorType.TOO_MANY_REQUESTS;
import static registration.web.ErrorType.UNAUTHORIZED;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import registration.web.ErrorType;

/**
 * The errors each route answers beyond those every route of its kind has (see {@link RouteContract}): one row per
 * route, {@code "METHOD /path"}, with the type, code and an example message of each failure. The document is
 * built from this table; the contract test checks every error it provokes against it, so a code missing here
 * fails that test.
 */
final class RouteErrors {

    /** One way a route fails: {@code {type, message, code?}} with the status of its {@link ErrorType}. */
    record Failure(ErrorType type, String code, String example) {
    }

    static Failure failure(ErrorType type, String code, String example) {
        return new Failure(type, code, example);
    }

    // Failures several routes share.
    static final Failure RATE_LIMITED = failure(TOO_MANY_REQUESTS, "rate_limited", "Too many requests. Please try again later.");
    static final Failure LOGIN_LOCKED = failure(TOO_MANY_REQUESTS, "login_locked", "Too many failed login attempts. Please try again later.");
    static final Failure OTP_THROTTLED = failure(TOO_MANY_REQUESTS, "otp_throttled", "Please wait before requesting another code");
    static final Failure OTP_LOCKED = failure(TOO_MANY_REQUESTS, "otp_locked", "Too many wrong codes. Codes for this are blocked for now; try again later.");
    static final Failure SEND_BUDGET = failure(TOO_MANY_REQUESTS, "send_budget_exceeded", "Too many codes were sent to this address; try again later");
    static final Failure OTP_INVALID = failure(INVALID_DATA, "otp_invalid", "The code has expired or is no longer valid. Request a new one.");
    static final Failure OTP_WRONG = failure(INVALID_DATA, "otp_wrong_code", "The code is incorrect");
    static final Failure SMS_REGION = failure(INVALID_DATA, "sms_region_not_allowed", "Codes cannot be sent by SMS to this phone number's country");
    static final Failure PASSWORD = failure(INVALID_DATA, null, "Invalid request: Field 'password' must be between 8 and 128 characters");
    static final Failure VERIFICATION_REQUIRED = failure(FORBIDDEN, "verification_required", "Please verify your email before logging in");
    static final Failure WRONG_MODE = failure(NOT_ALLOWED, null, "Login with phone is not enabled");
    static final Failure ADDRESS_FIELD = failure(INVALID_DATA, null, "Invalid request: Field 'country_code' must be a two-letter ISO 3166-1 country code");
    static final Failure ADDRESS_NOT_FOUND = failure(NOT_FOUND, null, "Address with id: addr_01… was not found");
    static final Failure CUSTOMER_NOT_FOUND = failure(NOT_FOUND, null, "Customer with id: cus_01… was not found");
    static final Failure USER_NOT_FOUND = failure(NOT_FOUND, null, "User with id: user_01… was not found");
    static final Failure NO_LOGIN = failure(CONFLICT, "no_login", "The customer has no login");
    /** Every route that hashes a password: the hashing queue is full (auth.Passwords, SPEC 11 "Errors"). */
    static final Failure OVERLOADED = failure(SERVICE_UNAVAILABLE, "overloaded", "The service is busy; please retry shortly");

    private static final Map<String, List<Failure>> ROUTES = Map.ofEntries(
            route("POST /auth/customer/emailpass/register", PASSWORD, WRONG_MODE,
                    failure(UNAUTHORIZED, null, "Identity with email already exists"), LOGIN_LOCKED, RATE_LIMITED, OVERLOADED),
            route("POST /auth/customer/phonepass/register", PASSWORD, WRONG_MODE,
                    failure(UNAUTHORIZED, null, "Identity with phone already exists"), LOGIN_LOCKED, RATE_LIMITED, OVERLOADED),
            route("POST /auth/customer/emailpass", WRONG_MODE,
                    failure(UNAUTHORIZED, null, "Invalid email or password"), VERIFICATION_REQUIRED, LOGIN_LOCKED, RATE_LIMITED, OVERLOADED),
            route("POST /auth/customer/phonepass", WRONG_MODE,
                    failure(UNAUTHORIZED, null, "Invalid phone or password"), VERIFICATION_REQUIRED, LOGIN_LOCKED, RATE_LIMITED, OVERLOADED),
            route("POST /auth/user/emailpass",
                    failure(UNAUTHORIZED, null, "Invalid email or password"), LOGIN_LOCKED, RATE_LIMITED, OVERLOADED),
            route("POST /auth/token/refresh", VERIFICATION_REQUIRED),
            route("DELETE /auth/session"),
            route("POST /auth/customer/emailpass/reset-password",
                    failure(INVALID_DATA, null, "Invalid request: Field 'identifier' must be a valid email address"), RATE_LIMITED),
            route("POST /auth/customer/emailpass/update", PASSWORD,
                    failure(UNAUTHORIZED, null, "Invalid or expired reset token"), RATE_LIMITED, OVERLOADED),
            route("POST /auth/customer/phonepass/reset-password", SMS_REGION, RATE_LIMITED),
            route("POST /auth/customer/phonepass/update", PASSWORD, OTP_INVALID, OTP_WRONG, OTP_LOCKED, RATE_LIMITED, OVERLOADED),
            route("POST /store/customers",
                    failure(INVALID_DATA, null, "Invalid request: Field 'email' is required"), SMS_REGION,
                    failure(DUPLICATE, "invalid_request_error", "Customer with this email already has an account"),
                    RATE_LIMITED),
            route("GET /store/customers/me"),
            route("POST /store/customers/me", failure(NOT_ALLOWED, null, "Email changes require OTP verification. …"),
                    failure(DUPLICATE, null, "Identity with phone already exists")),
            route("PATCH /store/customers/me", failure(NOT_ALLOWED, null, "Email changes require OTP verification. …"),
                    failure(DUPLICATE, null, "Identity with phone already exists")),
            route("GET /store/customers/me/export"),
            route("POST /store/customers/otp/send",
                    failure(INVALID_DATA, null, "Customer has no phone to verify"), SMS_REGION,
                    failure(NOT_FOUND, null, "Customer with id: cus_01… was not found"),
                    failure(CONFLICT, "already_verified", "Email is already verified"),
                    OTP_THROTTLED, OTP_LOCKED, SEND_BUDGET, RATE_LIMITED),
            route("POST /store/customers/otp/verify", OTP_INVALID, OTP_WRONG, OTP_LOCKED, RATE_LIMITED),
            route("POST /store/customers/me/contact",
                    failure(INVALID_DATA, null, "Invalid request: Provide either 'email' or 'phone', not both"), SMS_REGION,
                    failure(DUPLICATE, "contact_in_use", "This email is already in use by another account"),
                    OTP_THROTTLED, OTP_LOCKED, SEND_BUDGET, RATE_LIMITED),
            route("POST /store/customers/me/contact/verify", OTP_INVALID, OTP_WRONG,
                    failure(DUPLICATE, "contact_in_use", "This email is already in use by another account"),
                    OTP_LOCKED, RATE_LIMITED),
            route("POST /store/customers/account-deletion/request", SMS_REGION,
                    failure(CONFLICT, "deletion_in_progress", "An account deletion request is already in progress"),
                    OTP_THROTTLED, OTP_LOCKED, SEND_BUDGET),
            route("POST /store/customers/account-deletion/confirm", OTP_INVALID, OTP_WRONG, OTP_LOCKED, RATE_LIMITED),
            route("POST /store/customers/account-deletion/cancel-request",
                    failure(INVALID_DATA, null, "Invalid request: Provide exactly one of 'email' or 'phone'"), SMS_REGION,
                    RATE_LIMITED),
            route("POST /store/customers/account-deletion/cancel-confirm", OTP_INVALID, OTP_WRONG,
                    failure(CONFLICT, "deletion_not_scheduled", "There is no scheduled account deletion to cancel"),
                    failure(CONFLICT, "deletion_completed", "The account has already been deleted"),
                    OTP_LOCKED, RATE_LIMITED),
            route("GET /admin/account-deletion-requests",
                    failure(INVALID_DATA, null, "Invalid request: Field 'status' must be one of: pending, …")),
            // Addresses (Medusa's store address routes)
            route("GET /store/customers/me/addresses",
                    failure(INVALID_DATA, null, "Invalid request: Field 'limit' must be a whole number from 1 to 100")),
            route("POST /store/customers/me/addresses", ADDRESS_FIELD,
                    failure(NOT_ALLOWED, null, "A customer can have at most 100 addresses")),
            route("GET /store/customers/me/addresses/{addressId}", ADDRESS_NOT_FOUND),
            route("POST /store/customers/me/addresses/{addressId}", ADDRESS_FIELD, ADDRESS_NOT_FOUND),
            route("DELETE /store/customers/me/addresses/{addressId}", ADDRESS_NOT_FOUND),
            // Session mode and providers (the errors of the token or cookie come with the route's auth)
            route("POST /auth/session"),
            route("GET /auth/customer/providers"),
            route("GET /auth/user/providers"),
            route("GET /.well-known/jwks.json"),
            // The operator API
            route("GET /admin/customers",
                    failure(INVALID_DATA, null, "Invalid request: Field 'order' must be one of: created_at, email, id (with a leading '-' for descending)")),
            route("GET /admin/customers/{id}", CUSTOMER_NOT_FOUND),
            route("POST /admin/customers/{id}/block", CUSTOMER_NOT_FOUND, NO_LOGIN),
            route("POST /admin/customers/{id}/unblock", CUSTOMER_NOT_FOUND, NO_LOGIN),
            route("POST /admin/customers/{id}/unlock", CUSTOMER_NOT_FOUND),
            route("POST /admin/customers/{id}/revoke-sessions", CUSTOMER_NOT_FOUND, NO_LOGIN),
            route("POST /admin/customers/{id}/cancel-deletion", CUSTOMER_NOT_FOUND,
                    failure(CONFLICT, "deletion_not_scheduled", "There is no scheduled account deletion to cancel"),
                    failure(CONFLICT, "deletion_completed", "The account has already been deleted")),
            route("POST /admin/customers/{id}/erase",
                    failure(INVALID_DATA, null, "Invalid request: Field 'confirm' must repeat the customer's id to erase it"),
                    CUSTOMER_NOT_FOUND),
            route("POST /admin/customers/{id}/resend-verification",
                    failure(INVALID_DATA, null, "Customer has no phone to verify"), SMS_REGION, CUSTOMER_NOT_FOUND,
                    failure(CONFLICT, "already_verified", "Email is already verified"),
                    OTP_THROTTLED, OTP_LOCKED, SEND_BUDGET),
            route("GET /admin/users"),
            route("POST /admin/users", PASSWORD,
                    failure(INVALID_DATA, null, "Invalid request: Field 'email' must be a valid email address"),
                    failure(DUPLICATE, null, "An admin user with email a…@example.com already exists"), OVERLOADED),
            route("POST /admin/users/{id}/disable", USER_NOT_FOUND,
                    failure(CONFLICT, "last_admin", "The last enabled admin user cannot be disabled")),
            route("POST /admin/users/{id}/enable", USER_NOT_FOUND),
            route("POST /admin/users/me/password", PASSWORD,
                    failure(INVALID_DATA, "invalid_current_password", "The current password is not correct"),
                    failure(CONFLICT, "password_changed", "The password was changed meanwhile; try again"),
                    LOGIN_LOCKED, RATE_LIMITED, OVERLOADED),
            route("GET /admin/audit",
                    failure(INVALID_DATA, null, "Invalid request: Field 'from' must be an ISO-8601 UTC time, e.g. 2026-03-12T10:15:00.000Z")));

    private RouteErrors() {
    }

    private static Map.Entry<String, List<Failure>> route(String route, Failure... failures) {
        return Map.entry(route, List.of(failures));
    }

    /** Whether the table has a row for the route (a route without one gets only the errors of its kind). */
    static boolean declares(String method, String path) {
        return ROUTES.containsKey(method + " " + path);
    }

    static List<Failure> of(String method, String path) {
        return new ArrayList<>(ROUTES.getOrDefault(method + " " + path, List.of()));
    }
}
