package registration.auth;

/**
 * One login account. {@code actorId} is the customer (or admin user) id once linked, else {@code null};
 * {@code credentialVersion} is what every token of this identity must carry to be accepted.
 */
public record AuthIdentity(String id, ActorType actorType, String actorId, int credentialVersion) {
}
