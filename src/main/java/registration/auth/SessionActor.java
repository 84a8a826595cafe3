package registration.auth;

/** Any valid login or registration JWT, of a customer or an admin (token refresh, log out). */
record SessionActor(AuthIdentity identity, Provider provider) {
}
