package registration.ratelimit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import registration.config.DbTime;

/**
 * Login lockouts as data ({@code login_lock}, SPEC 11 "Lockouts are data"): the counters stay in Redis or memory
 * in front, but a lock, once set, is a row every instance checks, and an operator lifts it here for all of them.
 * Keyed by the hash the counters use, never the identifier; {@code actor_id} names the account when it is known.
 */
@Repository
class LoginLocks {

    /**
     * A lock is in force while {@code locked_until} is ahead and it was not lifted since it was set; the same
     * condition in SQL, for the operator's search, is {@link #IN_FORCE}.
     */
    static final String IN_FORCE = "locked_until > :now AND (cleared_at IS NULL OR cleared_at < locked_at)";

    /** A stored lock; {@code clearedAt}: when it was last lifted. */
    record Lock(Instant lockedAt, Instant lockedUntil, Instant clearedAt) {
        boolean inForce(Instant now) {
            return lockedUntil.isAfter(now) && (clearedAt == null || clearedAt.isBefore(lockedAt));
        }
    }

    private final JdbcClient jdbc;

    LoginLocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Lock> find(String key) {
        return jdbc.sql("SELECT locked_at, locked_until, cleared_at FROM login_lock WHERE lock_key = :key").param("key", key)
                .query((rs, n) -> new Lock(DbTime.read(rs, "locked_at"), DbTime.read(rs, "locked_until"),
                        DbTime.read(rs, "cleared_at"))).optional();
    }

    /**
     * Records the lock of {@code key} until {@code until}, unless one is in force already (two instances or two
     * requests that lock at once write one lock).
     */
    void lock(String key, String actorType, String actorId, Instant now, Instant until) {
        int inserted = jdbc.sql("""
                INSERT INTO login_lock (lock_key, actor_type, actor_id, locked_at, locked_until)
                VALUES (:key, :actorType, :actorId, :now, :until) ON CONFLICT DO NOTHING""")
                .param("key", key).param("actorType", actorType).param("actorId", actorId).param("now", DbTime.of(now))
                .param("until", DbTime.of(until)).update();
        if (inserted == 0) {
            jdbc.sql("""
                    UPDATE login_lock SET locked_at = :now, locked_until = :until, cleared_at = NULL,
                                          actor_id = COALESCE(:actorId, actor_id)
                    WHERE lock_key = :key AND NOT (""" + IN_FORCE + ")")
                    .param("key", key).param("actorId", actorId).param("now", DbTime.of(now)).param("until", DbTime.of(until))
                    .update();
        }
    }

    /**
     * Lifts the lock of {@code key}, if it has a row (kept, with {@code cleared_at}, so stale counters are known).
     * A lifted lock is not in force whatever {@code locked_until} says to an instance whose clock is a little behind.
     */
    void clear(String key, Instant now) {
        jdbc.sql("""
                UPDATE login_lock SET locked_until = CASE WHEN locked_until > :now THEN :now ELSE locked_until END,
                                      cleared_at = :now
                WHERE lock_key = :key""")
                .param("key", key).param("now", DbTime.of(now)).update();
    }

    /** The keys of the locks in force for an account. */
    List<String> lockedKeysOf(String actorId, Instant now) {
        return jdbc.sql("SELECT lock_key FROM login_lock WHERE actor_id = :actorId AND " + IN_FORCE)
                .param("actorId", actorId).param("now", DbTime.of(now)).query(String.class).list();
    }

    /** Until when {@code key} is locked, if it is. */
    Optional<Instant> lockedUntil(String key, Instant now) {
        return find(key).filter(lock -> lock.inForce(now)).map(Lock::lockedUntil);
    }

    /** Forgets the locks of an account (its erasure): the rows name it. */
    int deleteOf(String actorId) {
        return jdbc.sql("DELETE FROM login_lock WHERE actor_id = :actorId").param("actorId", actorId).update();
    }

    /** Deletes up to {@code limit} locks that ended before {@code cutoff}: an ended lock counts for nothing. */
    int deleteEndedBefore(Instant cutoff, int limit) {
        return jdbc.sql("""
                DELETE FROM login_lock WHERE lock_key IN
                  (SELECT lock_key FROM login_lock WHERE locked_until < :cutoff ORDER BY locked_until LIMIT :limit)""")
                .param("cutoff", DbTime.of(cutoff)).param("limit", limit).update();
    }
}
