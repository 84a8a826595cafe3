package registration.auth;

/** A controller parameter of this type means "admin user login JWT required". */
public record AdminActor(String userId, String authIdentityId) {
}
