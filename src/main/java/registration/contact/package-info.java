/**
 * Contact change: an authenticated customer replaces their email or phone after proving the new address
 * with a one-time code. Serves {@code POST /store/customers/me/contact} (the code goes to the NEW address;
 * the new value travels only inside the signed OTP token, nothing is staged on the customer) and
 * {@code POST /store/customers/me/contact/verify} (in one transaction: the field and its verified flag change,
 * the matching login moves to the new value, older tokens are revoked and a fresh login token is returned).
 * A security notice goes to the old address ({@link registration.contact.ContactChanged}).
 */
package registration.contact;
