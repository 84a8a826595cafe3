package registration.auth;

import registration.identifier.IdentifierKind;

/**
 * Whether a customer's email or phone is verified, as login's {@code registration.require-verification} gate
 * ({@link VerificationGate}) asks it. The customer feature owns the customer row and its verified flags and
 * implements this; auth declares it because customer depends on auth (its routes take auth's actors, and
 * {@code POST /store/customers} links the registered identity), so auth must not depend on customer.
 */
public interface CustomerVerification {

    /** False too when there is no such customer (any more). */
    boolean isVerified(String customerId, IdentifierKind kind);
}
