/**
 * One-time codes: the engine every purpose uses ({@link registration.otp.OtpService}: codes from a CSPRNG,
 * stored only as an HMAC, single use, superseded by a newer send, attempts counted atomically, the
 * per-(customer, purpose) resend throttle in {@code otp_throttle}), and the verification of the contact a
 * customer registered with: {@code POST /store/customers/otp/send}, {@code POST /store/customers/otp/verify}
 * and the code sent on registration ({@link registration.otp.OtpVerificationService}). Messages go through
 * the notification outbox in the same transaction as the code.
 */
package registration.otp;
