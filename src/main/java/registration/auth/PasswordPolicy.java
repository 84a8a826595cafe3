package registration.auth;

import registration.web.ApiException;

/** The minimal password policy of SPEC 8a: 8–128 characters and not the identifier itself. */
public final class PasswordPolicy {

    static final int MIN = 8;
    static final int MAX = 128;

    private PasswordPolicy() {
    }

    /** @param identifiers the account's email and/or phone, as typed and normalised */
    public static void check(String password, String... identifiers) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN || length > MAX) {
            throw ApiException.invalid("Invalid request: Field 'password' must be between " + MIN + " and " + MAX + " characters");
        }
        for (String identifier : identifiers) {
            if (identifier != null && password.trim().equalsIgnoreCase(identifier.trim())) {
                throw ApiException.invalid("Invalid request: Field 'password' must not be the same as your email or phone");
            }
        }
    }
}
