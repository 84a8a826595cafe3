package registration.auth;

/**
 * One login account. {@code actorId} is the customer (or admin user) id once linked, else {@code null};
 * {@code credentialVersion} is what every token of this identity must carry to be accepted;
 * {@code suspension} is why it may not sign in for now, or {@code null}.
 */
public record AuthIdentity(String id, ActorType actorType, String actorId, int credentialVersion,
                           Suspension suspension) {

    public AuthIdentity(String id, ActorType actorType, String actorId, int credentialVersion) {
        this(id, actorType, actorId, credentialVersion, null);
    }
}
