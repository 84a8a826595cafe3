package registration.auth;

/**
 * An identity read together with its actor's own row in one statement ({@code actor} is null when the identity
 * has no actor yet or the actor's row is gone). See {@link TokenCheck#customer}.
 */
public record IdentityWith<T>(AuthIdentity identity, T actor) {
}
