package registration.auth;

/** A controller parameter of this type means "registration JWT required" (identity without a customer yet). */
public record RegistrationActor(AuthIdentity identity, Provider provider) {
}
