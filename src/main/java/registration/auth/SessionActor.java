package registration.auth;

/**
 * Any valid login or registration JWT, of a customer or an admin (token refresh, log out), or a cookie session
 * ({@code sessionId}: the {@link AuthSession} it came from; null for a bearer token).
 */
record SessionActor(AuthIdentity identity, Provider provider, String sessionId) {

    SessionActor(AuthIdentity identity, Provider provider) {
        this(identity, provider, null);
    }
}
