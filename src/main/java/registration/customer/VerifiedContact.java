package registration.customer;

import registration.identifier.IdentifierKind;

/**
 * The answer of a successful verification: the customer with its flag now set, which contact was verified,
 * and a login token when the customer can log in with that contact (else null: the storefront must log in).
 */
record VerifiedContact(Customer customer, IdentifierKind contact, String loginToken) {

    @Override
    public String toString() {
        return "VerifiedContact[" + customer.id() + ", " + contact + "]";
    }
}
