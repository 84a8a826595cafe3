/**
 * Password reset, by email link and (beyond the seed) by SMS code for phone-only customers. Serves
 * {@code POST /auth/customer/emailpass/reset-password} (201, empty, for known and unknown emails alike; the
 * email links to {@code {storefront-url}/reset-password?token=…&email=…}),
 * {@code POST /auth/customer/emailpass/update} (reset token in the body or as {@code Authorization: Bearer}),
 * {@code POST /auth/customer/phonepass/reset-password} (201 {@code {token, expires_at}} for known and unknown
 * numbers alike — a decoy token for unknown ones) and {@code POST /auth/customer/phonepass/update}.
 * Owns the {@code password_reset} table: per-identifier resend throttle, newest-request-wins and single use.
 * A completed reset revokes every earlier token and tells the customer ({@link registration.reset.PasswordChanged}).
 */
package registration.reset;
