package registration.auth;

/** A controller parameter of this type means "customer login JWT required" (checked, not revoked). */
public record CustomerActor(String customerId, String authIdentityId, Provider provider) {
}
