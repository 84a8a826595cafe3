package registration.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.github.f4b6a3.ulid.UlidCreator;

import registration.changes.CachedRows;
import registration.changes.RowCache;
import registration.changes.RowCaches;
import registration.config.DbTime;

/**
 * Auth identities and their provider identities (tables {@code auth_identity}, {@code provider_identity}).
 * Every method that writes an existing identity's rows records the change ({@link RowCaches#changed}): token
 * checks read identities from memory ({@link #findForTokenCheck}), on every instance.
 */
@Repository
public class AuthIdentities {

    private static final String SELECT_PROVIDER = """
            SELECT a.id, a.actor_type, a.actor_id, a.credential_version, a.suspension, a.blocked_at, p.provider, p.entity_id, p.password_hash
            FROM provider_identity p JOIN auth_identity a ON a.id = p.auth_identity_id
            """;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final RowCaches changes;
    private final RowCache<AuthIdentity> forTokenChecks;

    AuthIdentities(JdbcClient jdbc, Clock clock, RowCaches changes) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.changes = changes;
        this.forTokenChecks = changes.create(CachedRows.IDENTITY, this::findById);
    }

    /** Inserts an identity with its first provider; a taken identifier fails on the unique constraint. */
    public AuthIdentity insert(ActorType actorType, String actorId, Provider provider, String entityId, String passwordHash) {
        String id = "authid_" + UlidCreator.getMonotonicUlid();
        var now = DbTime.of(clock.instant());
        jdbc.sql("""
                INSERT INTO auth_identity (id, actor_type, actor_id, credential_version, created_at, updated_at)
                VALUES (:id, :actorType, :actorId, 1, :now, :now)""")
                .param("id", id).param("actorType", actorType.id()).param("actorId", actorId).param("now", now)
                .update();
        insertProvider(id, actorType, provider, entityId, passwordHash);
        return new AuthIdentity(id, actorType, actorId, 1);
    }

    /** Adds a second login (e.g. phonepass next to emailpass in {@code both} mode) sharing the password hash. */
    public void insertProvider(String authIdentityId, ActorType actorType, Provider provider, String entityId,
                               String passwordHash) {
        var now = DbTime.of(clock.instant());
        jdbc.sql("""
                INSERT INTO provider_identity (id, auth_identity_id, actor_type, provider, entity_id, password_hash, created_at, updated_at)
                VALUES (:id, :authId, :actorType, :provider, :entityId, :hash, :now, :now)""")
                .param("id", "provid_" + UlidCreator.getMonotonicUlid()).param("authId", authIdentityId)
                .param("actorType", actorType.id()).param("provider", provider.id()).param("entityId", entityId)
                .param("hash", passwordHash).param("now", now)
                .update();
        changes.changed(CachedRows.IDENTITY, authIdentityId);
    }

    Optional<ProviderIdentity> findProvider(ActorType actorType, Provider provider, String entityId) {
        return jdbc.sql(SELECT_PROVIDER + " WHERE p.actor_type = :actorType AND p.provider = :provider AND p.entity_id = :entityId")
                .param("actorType", actorType.id()).param("provider", provider.id()).param("entityId", entityId)
                .query(AuthIdentities::providerRow).optional();
    }

    /** The customer identity that logs in with {@code entityId} (an email or E.164 phone) by {@code provider}. */
    public Optional<AuthIdentity> findCustomerIdentity(Provider provider, String entityId) {
        return findProvider(ActorType.CUSTOMER, provider, entityId).map(ProviderIdentity::identity);
    }

    /**
     * Moves the identity's {@code provider} login to {@code newEntityId} (after a verified contact change), so
     * that login works with the new value and no longer with the old. False when the identity has no login
     * by that provider. A value another identity already logs in with fails on the unique constraint.
     */
    public boolean moveEntityId(String authIdentityId, Provider provider, String newEntityId) {
        return changed(authIdentityId, jdbc.sql("""
                UPDATE provider_identity SET entity_id = :entityId, updated_at = :now
                WHERE auth_identity_id = :id AND provider = :provider""")
                .param("entityId", newEntityId).param("now", DbTime.of(clock.instant()))
                .param("id", authIdentityId).param("provider", provider.id())
                .update() == 1);
    }

    /** The email or phone an identity logs in with by {@code provider}. */
    public Optional<String> findEntityId(String authIdentityId, Provider provider) {
        return jdbc.sql("SELECT entity_id FROM provider_identity WHERE auth_identity_id = :id AND provider = :provider")
                .param("id", authIdentityId).param("provider", provider.id()).query(String.class).optional();
    }

    /** The password hash of an identity (all its providers share one password). */
    public Optional<String> findPasswordHash(String authIdentityId) {
        return jdbc.sql("SELECT password_hash FROM provider_identity WHERE auth_identity_id = :id ORDER BY provider")
                .param("id", authIdentityId).query(String.class).list().stream().findFirst();
    }

    /**
     * The identity as a token check needs it, from memory when this instance has it (as committed, at most
     * {@code token-cache.max-staleness} old even when other instances' changes cannot be heard).
     */
    Optional<AuthIdentity> findForTokenCheck(String id) {
        return forTokenChecks.find(id);
    }

    public Optional<AuthIdentity> findById(String id) {
        return jdbc.sql("SELECT id, actor_type, actor_id, credential_version, suspension, blocked_at FROM auth_identity WHERE id = :id")
                .param("id", id).query(AuthIdentities::identityRow).optional();
    }

    public Optional<AuthIdentity> findByActor(ActorType actorType, String actorId) {
        return jdbc.sql("SELECT id, actor_type, actor_id, credential_version, suspension, blocked_at FROM auth_identity WHERE actor_type = :t AND actor_id = :a")
                .param("t", actorType.id()).param("a", actorId).query(AuthIdentities::identityRow).optional();
    }

    /** Links the identity to its customer; false when it already had one (two sign-ups raced, or a reused token). */
    public boolean linkActor(String authIdentityId, String actorId) {
        return changed(authIdentityId, jdbc.sql("UPDATE auth_identity SET actor_id = :actorId, updated_at = :now WHERE id = :id AND actor_id IS NULL")
                .param("actorId", actorId).param("now", DbTime.of(clock.instant())).param("id", authIdentityId)
                .update() == 1);
    }

    /** Revokes every token issued so far for the identity; returns the new version. */
    public int bumpCredentialVersion(String authIdentityId) {
        jdbc.sql("UPDATE auth_identity SET credential_version = credential_version + 1, updated_at = :now WHERE id = :id")
                .param("now", DbTime.of(clock.instant())).param("id", authIdentityId).update();
        changes.changed(CachedRows.IDENTITY, authIdentityId);
        return jdbc.sql("SELECT credential_version FROM auth_identity WHERE id = :id")
                .param("id", authIdentityId).query(Integer.class).single();
    }

    /** Sets the one password of the identity, on every provider it has. */
    public void updatePasswordHash(String authIdentityId, String passwordHash) {
        jdbc.sql("UPDATE provider_identity SET password_hash = :hash, updated_at = :now WHERE auth_identity_id = :id")
                .param("hash", passwordHash).param("now", DbTime.of(clock.instant())).param("id", authIdentityId)
                .update();
        changes.changed(CachedRows.IDENTITY, authIdentityId);
    }

    /**
     * Re-hashes a login's password (after a successful login) only if its hash is still {@code oldHash}: the new
     * hash is computed with no connection held (SPEC 11), and a password reset that landed meanwhile must win.
     * Touches only the provider identities that still hold {@code oldHash}; false when none did.
     */
    public boolean replacePasswordHash(String authIdentityId, String oldHash, String newHash) {
        return changed(authIdentityId, jdbc.sql("""
                UPDATE provider_identity SET password_hash = :hash, updated_at = :now
                WHERE auth_identity_id = :id AND password_hash = :old""")
                .param("hash", newHash).param("now", DbTime.of(clock.instant())).param("id", authIdentityId)
                .param("old", oldHash)
                .update() > 0);
    }

    /**
     * Suspends the identity: it may neither sign in nor use its tokens (403 with the suspension's code) until
     * {@link #lift lifted}. Returns false when there is no such identity.
     */
    public boolean suspend(String authIdentityId, Suspension suspension) {
        return changed(authIdentityId, jdbc.sql("UPDATE auth_identity SET suspension = :suspension, updated_at = :now WHERE id = :id")
                .param("suspension", suspension.code()).param("now", DbTime.of(clock.instant())).param("id", authIdentityId)
                .update() == 1);
    }

    /**
     * Blocks the identity (an operator blocking a customer, or disabling an admin user): it may no longer sign in
     * and every token issued so far dies at once (credential version bumped, caches evicted on every instance).
     * False when there is no such identity or it was blocked already.
     */
    public boolean block(String authIdentityId) {
        var now = DbTime.of(clock.instant());
        return changed(authIdentityId, jdbc.sql("""
                UPDATE auth_identity SET blocked_at = :now, credential_version = credential_version + 1, updated_at = :now
                WHERE id = :id AND blocked_at IS NULL""")
                .param("now", now).param("id", authIdentityId).update() == 1);
    }

    /** How many customers are blocked now (the gauge {@code customer_registration_customers_blocked}). */
    public long countBlockedCustomers() {
        return jdbc.sql("SELECT COUNT(*) FROM auth_identity WHERE actor_type = 'customer' AND blocked_at IS NOT NULL")
                .query(Long.class).single();
    }

    /** Lifts a block; tokens revoked by it stay revoked. False when it was not blocked. */
    public boolean unblock(String authIdentityId) {
        return changed(authIdentityId, jdbc.sql("UPDATE auth_identity SET blocked_at = NULL, updated_at = :now WHERE id = :id AND blocked_at IS NOT NULL")
                .param("now", DbTime.of(clock.instant())).param("id", authIdentityId).update() == 1);
    }

    /** When the identity last signed in with a password; the operator API shows it. Not cached: no change recorded. */
    void recordLogin(String authIdentityId) {
        jdbc.sql("UPDATE auth_identity SET last_login_at = :now WHERE id = :id")
                .param("now", DbTime.of(clock.instant())).param("id", authIdentityId).update();
    }

    /** What the operator API shows of an identity: its logins, block, last sign-in. */
    public record Overview(String id, java.util.List<Login> logins, java.time.Instant blockedAt,
                           java.time.Instant lastLoginAt, int credentialVersion) {
        /** One provider login: {@code identifier} is the email or E.164 phone. */
        public record Login(Provider provider, String identifier, java.time.Instant createdAt) {
        }
    }

    public Optional<Overview> overview(ActorType actorType, String actorId) {
        return jdbc.sql("SELECT id, blocked_at, last_login_at, credential_version FROM auth_identity WHERE actor_type = :t AND actor_id = :a")
                .param("t", actorType.id()).param("a", actorId)
                .query((rs, n) -> new Overview(rs.getString("id"), loginsOf(rs.getString("id")), DbTime.read(rs, "blocked_at"),
                        DbTime.read(rs, "last_login_at"), rs.getInt("credential_version")))
                .optional();
    }

    private java.util.List<Overview.Login> loginsOf(String authIdentityId) {
        return jdbc.sql("SELECT provider, entity_id, created_at FROM provider_identity WHERE auth_identity_id = :id ORDER BY provider")
                .param("id", authIdentityId)
                .query((rs, n) -> new Overview.Login(Provider.ofId(rs.getString("provider")), rs.getString("entity_id"),
                        DbTime.read(rs, "created_at")))
                .list();
    }

    /** Ends a suspension; tokens revoked meanwhile stay revoked. */
    public void lift(String authIdentityId, Suspension suspension) {
        jdbc.sql("UPDATE auth_identity SET suspension = NULL, updated_at = :now WHERE id = :id AND suspension = :suspension")
                .param("now", DbTime.of(clock.instant())).param("id", authIdentityId).param("suspension", suspension.code())
                .update();
        changes.changed(CachedRows.IDENTITY, authIdentityId);
    }

    /**
     * Removes the actor's identities with their provider identities (ON DELETE CASCADE): its logins are gone,
     * its tokens answer 401, and its email/phone can register again. Returns how many identities were removed.
     */
    public int deleteByActor(ActorType actorType, String actorId) {
        // The ids first: the change log names identities, and a deleted row can no longer be asked for its id.
        var ids = jdbc.sql("SELECT id FROM auth_identity WHERE actor_type = :t AND actor_id = :a")
                .param("t", actorType.id()).param("a", actorId).query(String.class).list();
        int deleted = jdbc.sql("DELETE FROM auth_identity WHERE actor_type = :t AND actor_id = :a")
                .param("t", actorType.id()).param("a", actorId).update();
        ids.forEach(id -> changes.changed(CachedRows.IDENTITY, id));
        return deleted;
    }

    /** Records the change when {@code written} (the statement touched the identity's rows); returns it. */
    private boolean changed(String authIdentityId, boolean written) {
        if (written) {
            changes.changed(CachedRows.IDENTITY, authIdentityId);
        }
        return written;
    }

    private static AuthIdentity identityRow(ResultSet rs, int n) throws SQLException {
        return identity(rs, "");
    }

    private static AuthIdentity identity(ResultSet rs, String prefix) throws SQLException {
        String suspension = rs.getString(prefix + "suspension");
        boolean blocked = rs.getObject(prefix + "blocked_at") != null; // a block wins over a stored suspension
        return new AuthIdentity(rs.getString(prefix + "id"), ActorType.ofId(rs.getString(prefix + "actor_type")),
                rs.getString(prefix + "actor_id"), rs.getInt(prefix + "credential_version"), blocked ? Suspension.BLOCKED
                : suspension == null ? null
                : Suspension.ofCode(suspension).orElseThrow(() -> new IllegalStateException("Unknown suspension " + suspension)));
    }

    private static ProviderIdentity providerRow(ResultSet rs, int n) throws SQLException {
        return new ProviderIdentity(identityRow(rs, n), Provider.ofId(rs.getString("provider")),
                rs.getString("entity_id"), rs.getString("password_hash"));
    }
}
