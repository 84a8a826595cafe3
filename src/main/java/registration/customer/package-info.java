/**
 * The customer: owns the {@code customer} row (profile, metadata, email and phone with their verified flags,
 * erasure) and the use cases on it. Serves {@code POST /store/customers} (the customer behind a registration
 * token's identity, with the verification code sent on registration), {@code GET|POST|PATCH
 * /store/customers/me}, and the verification of the contact a customer registered with, {@code POST
 * /store/customers/otp/send} and {@code POST /store/customers/otp/verify}
 * ({@link registration.customer.ContactVerificationService}, on the OTP engine of {@code otp}). It tells the
 * owner when the wrong-code cap locks their codes ({@link registration.otp.OtpLocked}).
 *
 * <p>Customer depends on auth, not the other way round: its routes take auth's actors and sign-up links auth's
 * identity to the new customer, while auth only asks whether a customer's identifier is verified, through
 * {@link registration.auth.CustomerVerification}, which this package implements. Other features (contact,
 * reset, deletion, export) read and write customers through {@link registration.customer.Customers}.
 */
package registration.customer;
