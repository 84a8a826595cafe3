package registration.customer;

import registration.otp.OtpPurpose;

/**
 * The answer of a successful verification: the customer with its flag now set, which contact was verified,
 * and a login token when the customer can log in with that contact (else null: the storefront must log in).
 */
record VerifiedContact(Customer customer, OtpPurpose purpose, String loginToken) {

    @Override
    public String toString() {
        return "VerifiedContact[" + customer.id() + ", " + purpose + "]";
    }
}
