/**
 * One-time codes: the engine every purpose uses ({@link registration.otp.OtpService}: codes from a CSPRNG,
 * stored only as an HMAC, single use, attempts counted atomically; tokens are handles to a stored code; a
 * newer send never kills an older live code and the first right code uses up all of them; the
 * per-(subject, purpose) resend throttle in {@code otp_throttle}; the cumulative wrong-code cap and its locks in
 * {@code otp_failure} and {@code otp_lock}), and the verification of the contact a
 * customer registered with: {@code POST /store/customers/otp/send}, {@code POST /store/customers/otp/verify}
 * and the code sent on registration ({@link registration.customer.ContactVerificationService}). Messages go through
 * the notification outbox in the same transaction as the code.
 */
package registration.otp;
