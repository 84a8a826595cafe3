/**
 * One-time codes, the engine every purpose uses ({@link registration.otp.OtpService}): codes from a CSPRNG,
 * stored only as an HMAC, single use, attempts counted atomically; tokens are handles to a stored code; a
 * newer send never kills an older live code and the first right code uses up all of them; the
 * per-(subject, purpose) resend throttle in {@code otp_throttle} ({@link registration.otp.OtpSendClaims}); the
 * cumulative wrong-code cap and its locks in {@code otp_failure} and {@code otp_lock}, announced as
 * {@link registration.otp.OtpLocked}; the fixed codes of QA identifiers ({@link registration.otp.FixedCodes}).
 * Messages go through the notification outbox in the same transaction as the code. It serves no route of its
 * own: the features whose routes take {@code {token, code}} (customer's contact verification, contact change,
 * password reset by SMS, account deletion) call it, and it knows none of them.
 */
package registration.otp;
