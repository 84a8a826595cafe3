package registration.auth;

import org.springframework.stereotype.Component;

import registration.web.ApiException;
import registration.web.ErrorType;

/**
 * {@code registration.require-verification}: a customer login token is issued only once the identifier
 * the customer logs in with is verified — at login and when a registration token is refreshed into one.
 */
@Component
class VerificationGate {

    private final CustomerVerification customers;
    private final RegistrationSettings registration;

    VerificationGate(CustomerVerification customers, RegistrationSettings registration) {
        this.customers = customers;
        this.registration = registration;
    }

    void check(AuthIdentity identity, Provider provider) {
        if (identity.actorType() == ActorType.CUSTOMER && identity.actorId() != null && registration.requireVerification()
                && !customers.isVerified(identity.actorId(), provider.identifier())) {
            throw new ApiException(ErrorType.FORBIDDEN, "Please verify your " + provider.field() + " before logging in",
                    "verification_required");
        }
    }
}
