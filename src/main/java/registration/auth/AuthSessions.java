package registration.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import registration.changes.CachedRows;
import registration.changes.RowCache;
import registration.changes.RowCaches;
import registration.config.DbTime;

/**
 * The {@code auth_session} table. A session row never changes: it is inserted, then deleted (log out of this
 * session) or outlived (expiry, a bumped credential version). So a cookie check reads it from memory
 * ({@link RowCaches}) and a delete records the change, evicting it on every instance.
 */
@Repository
class AuthSessions {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final RowCaches changes;
    private final RowCache<AuthSession> byId;

    AuthSessions(JdbcClient jdbc, RowCaches changes) {
        this.jdbc = jdbc;
        this.changes = changes;
        this.byId = changes.create(CachedRows.SESSION, this::findById);
    }

    /** A new cookie value: 256 random bits. */
    static String newCookieValue() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What the table keys a cookie value by: a leaked table row cannot be replayed as a cookie. */
    static String idOf(String cookieValue) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(cookieValue.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void insert(AuthSession session) {
        jdbc.sql("""
                INSERT INTO auth_session (id, auth_identity_id, provider, credential_version, created_at, expires_at)
                VALUES (:id, :identity, :provider, :version, :created, :expires)""")
                .param("id", session.id()).param("identity", session.authIdentityId())
                .param("provider", session.provider().id()).param("version", session.credentialVersion())
                .param("created", DbTime.of(session.createdAt())).param("expires", DbTime.of(session.expiresAt()))
                .update();
    }

    /** The session as committed, from memory when this instance has it. */
    Optional<AuthSession> find(String id) {
        return byId.find(id);
    }

    boolean delete(String id) {
        boolean deleted = jdbc.sql("DELETE FROM auth_session WHERE id = :id").param("id", id).update() == 1;
        if (deleted) {
            changes.changed(CachedRows.SESSION, id);
        }
        return deleted;
    }

    /**
     * Deletes the identity's sessions that can never be good again (expired, or of an older credential version),
     * so that rows do not pile up for a customer who logs in often. Nobody can use them, so no change is recorded.
     */
    void deleteDead(String authIdentityId, int credentialVersion, Instant now) {
        jdbc.sql("DELETE FROM auth_session WHERE auth_identity_id = :identity AND (expires_at <= :now OR credential_version <> :version)")
                .param("identity", authIdentityId).param("now", DbTime.of(now)).param("version", credentialVersion)
                .update();
    }

    private Optional<AuthSession> findById(String id) {
        return jdbc.sql("SELECT * FROM auth_session WHERE id = :id").param("id", id).query(this::row).optional();
    }

    private AuthSession row(ResultSet rs, int n) throws SQLException {
        return new AuthSession(rs.getString("id"), rs.getString("auth_identity_id"), Provider.ofId(rs.getString("provider")),
                rs.getInt("credential_version"), DbTime.read(rs, "created_at"), DbTime.read(rs, "expires_at"));
    }
}
