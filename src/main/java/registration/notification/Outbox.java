package registration.notification;

import java.sql.DatabaseMetaData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.f4b6a3.ulid.UlidCreator;

import registration.config.DbTime;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code notification_outbox} table. A dispatcher leases a batch of due messages under a fresh claim token
 * in one short transaction that skips the rows another dispatcher is leasing at that moment, so two dispatchers
 * (threads or instances) never send the same message while its lease runs.
 * <p>
 * Statuses: {@code pending} (not yet refused by a recipient), {@code retrying} (failed at least once for a reason
 * about its recipient: leased only after every due pending message), {@code sent}, {@code abandoned} (given up:
 * no recipient, no payload).
 */
@Repository
class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private final PayloadCipher cipher;
    private final Clock clock;
    private final boolean onPostgres;

    Outbox(JdbcClient jdbc, PlatformTransactionManager transactions, JsonMapper json, PayloadCipher cipher, Clock clock,
            DataSource dataSource) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.json = json;
        this.cipher = cipher;
        this.clock = clock;
        this.onPostgres = "PostgreSQL".equals(productName(dataSource));
    }

    private static String productName(DataSource dataSource) {
        try {
            return JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Cannot tell which database this is", e);
        }
    }

    /** @param expiresAt when the code the message carries expires (it is abandoned then), or null for a notice */
    void insert(Channel channel, String recipient, String purpose, Templates.Rendered message, Instant expiresAt) {
        Instant now = clock.instant();
        String payload = json.writeValueAsString(java.util.Map.of("subject", message.subject(), "body", message.body(),
                "html", message.html()));
        jdbc.sql("""
                INSERT INTO notification_outbox (id, channel, recipient, purpose, payload, key_id, status, attempts,
                                                 next_attempt_at, created_at, expires_at)
                VALUES (:id, :channel, :recipient, :purpose, :payload, :keyId, 'pending', 0, :now, :now, :expiresAt)""")
                .param("id", "msg_" + UlidCreator.getMonotonicUlid()).param("channel", channel.name())
                .param("recipient", recipient).param("purpose", purpose).param("payload", cipher.encrypt(payload))
                .param("keyId", cipher.keyId())
                .param("now", DbTime.of(now)).param("expiresAt", DbTime.of(expiresAt))
                .update();
    }

    /**
     * Gives up the messages to {@code address} that its recipient has refused at least once and that no worker
     * holds: an erased customer's address must not linger in rows that may fail until their horizon. Returns
     * the channel and purpose of each, for the metric. (A message in flight is caught by its forget flag: the
     * dispatcher abandons a forgotten message that failed before instead of trying it again.)
     */
    List<Abandoned> abandonFailing(String address) {
        Instant now = clock.instant();
        List<Abandoned> failing = jdbc.sql("""
                SELECT id, channel, purpose FROM notification_outbox
                WHERE recipient = :address AND status = 'retrying' AND (claimed_until IS NULL OR claimed_until < :now)
                FOR UPDATE""")
                .param("address", address).param("now", DbTime.of(now))
                .query((rs, n) -> new Abandoned(rs.getString("id"), Channel.valueOf(rs.getString("channel")),
                        rs.getString("purpose")))
                .list();
        if (!failing.isEmpty()) {
            jdbc.sql("""
                    UPDATE notification_outbox SET status = 'abandoned', abandoned_at = :now, recipient = 'erased',
                           payload = NULL, claimed_until = NULL, last_error = 'forgotten'
                    WHERE id IN (:ids) AND status = 'retrying'""")
                    .param("now", DbTime.of(now)).param("ids", failing.stream().map(Abandoned::id).toList())
                    .update();
        }
        return failing;
    }

    record Abandoned(String id, Channel channel, String purpose) {
    }

    /**
     * Erases the address from sent messages, and marks pending ones so that {@link #markSent} erases it on
     * delivery. One statement: a message being marked sent at this moment is re-read under its row lock,
     * so it is caught by one branch or the other.
     */
    void forgetRecipient(String address) {
        jdbc.sql("""
                UPDATE notification_outbox
                SET recipient = CASE WHEN status = 'sent' THEN 'erased' ELSE recipient END, forget_after_send = TRUE
                WHERE recipient = :address""")
                .param("address", address).update();
    }

    /**
     * Leases up to {@code limit} due messages, oldest first, under one claim token, and reads those that can be
     * read. Rows that another worker or instance is leasing at this very moment are skipped, not waited for
     * ({@code FOR UPDATE SKIP LOCKED}), so concurrent dispatchers take disjoint batches; rows leased earlier are
     * left out by their lease. Without the skip, every worker selects the same oldest ids and all but one wait on
     * the winner's row locks to update nothing: under load that cost PostgreSQL more than the requests did.
     * (H2 locks every due row such a query reads, not only the batch: on the embedded database the workers of
     * its one instance lease in turn, which is still correct.)
     */
    Lease leaseDue(int limit, Duration lease, boolean withRetries) {
        Instant now = clock.instant();
        String token = UlidCreator.getMonotonicUlid().toString();
        List<String> ids = transaction.execute(status -> {
            List<String> due = lockDue(now, limit, withRetries);
            if (!due.isEmpty()) {
                jdbc.sql("UPDATE notification_outbox SET claim_token = :token, claimed_until = :until WHERE id IN (:ids)")
                        .param("token", token).param("until", DbTime.of(now.plus(lease))).param("ids", due)
                        .update();
            }
            return due;
        });
        return new Lease(ids.size(), ids.isEmpty() ? List.of() : read(ids, token));
    }

    /**
     * Locks up to {@code limit} of the oldest due messages that no lease holds, skipping those another transaction
     * has locked; inside the caller's transaction. The order is that of {@code ix_notification_outbox_due}, so an
     * index scan reads one batch and stops. PostgreSQL is told not to sort for this one transaction: between
     * bursts the table holds sent messages and almost no pending ones, its statistics say so, and from such an
     * estimate (one row) it chose to read every due message and sort them all to find one batch. Each lease then
     * cost as much as the backlog was long, just when a backlog had to be worked off (measured in
     * bench/README.md, "Outbox lease order").
     */
    List<String> lockDue(Instant now, int limit) {
        return lockDue(now, limit, false);
    }

    /**
     * As {@link #lockDue(Instant, int)}, pending messages first; {@code withRetries} fills the rest of the batch
     * with due {@code retrying} ones. Retries come last so that a backlog of failing messages never stands in
     * front of a new code (each status is its own range of the same index).
     */
    List<String> lockDue(Instant now, int limit, boolean withRetries) {
        if (onPostgres) {
            jdbc.sql("SELECT set_config('enable_sort', 'off', true)").query(String.class).single();
        }
        List<String> due = new ArrayList<>(lockDue(now, limit, "pending"));
        if (withRetries && due.size() < limit) {
            due.addAll(lockDue(now, limit - due.size(), "retrying"));
        }
        return due;
    }

    private List<String> lockDue(Instant now, int limit, String status) {
        return jdbc.sql("""
                SELECT id FROM notification_outbox
                WHERE status = :status AND next_attempt_at <= :now AND (claimed_until IS NULL OR claimed_until < :now)
                ORDER BY next_attempt_at, id LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .param("status", status).param("now", DbTime.of(now)).param("limit", limit)
                .query(String.class).list();
    }

    /** How many messages one {@link #leaseDue} leased, and those of them that could be read. */
    record Lease(int size, List<OutboxMessage> messages) {
    }

    private List<OutboxMessage> read(List<String> ids, String token) {
        List<OutboxMessage> leased = new ArrayList<>();
        jdbc.sql("""
                SELECT id, channel, recipient, purpose, payload, key_id, attempts, created_at, expires_at, forget_after_send,
                       status = 'pending' AND last_error IS NOT NULL AS postponed
                FROM notification_outbox
                WHERE id IN (:ids) AND claim_token = :token
                ORDER BY CASE WHEN status = 'pending' THEN 0 ELSE 1 END, next_attempt_at, id""")
                .param("ids", ids).param("token", token)
                .query((RowCallbackHandler) rs -> {
                    JsonNode payload;
                    try {
                        payload = json.readTree(cipher.decrypt(rs.getString("payload"), rs.getString("key_id")));
                    } catch (RuntimeException e) {
                        // Sealed under another secret: left leased (retried when the lease runs out), and it does
                        // not hold back the rest of the batch.
                        log.warn("Outbox message {} cannot be read: {}", rs.getString("id"), e.getMessage());
                        return;
                    }
                    leased.add(new OutboxMessage(rs.getString("id"), Channel.valueOf(rs.getString("channel")),
                            rs.getString("recipient"), rs.getString("purpose"), payload.path("subject").asString(),
                            payload.path("body").asString(), payload.path("html").asBoolean(), rs.getInt("attempts"), token,
                            DbTime.read(rs, "created_at"), DbTime.read(rs, "expires_at"), rs.getBoolean("forget_after_send"),
                            rs.getBoolean("postponed")));
                });
        return leased;
    }

    /**
     * Extends the lease of those of {@code ids} still leased under {@code token} (not yet sent, failed or released)
     * to {@code until}; by primary key, so it stays cheap however many sent messages the table keeps.
     */
    void renew(String token, List<String> ids, Instant until) {
        jdbc.sql("""
                UPDATE notification_outbox SET claimed_until = :until
                WHERE id IN (:ids) AND claim_token = :token AND claimed_until IS NOT NULL""")
                .param("until", DbTime.of(until)).param("ids", ids).param("token", token)
                .update();
    }

    /**
     * Makes every message of {@code channel} that waits for a later first attempt due now: after a provider
     * outage they were postponed by its backoff, and the provider answers again. Retries keep their own backoff
     * (they wait for a reason about their recipient). Returns how many.
     */
    int makeWaitingDue(Channel channel, Instant now) {
        return jdbc.sql("""
                UPDATE notification_outbox SET next_attempt_at = :now
                WHERE status = 'pending' AND next_attempt_at > :now AND channel = :channel""")
                .param("now", DbTime.of(now)).param("channel", channel.name())
                .update();
    }

    /** Delivered: each marked sent once, and its payload (which may hold a code) erased. */
    void markSent(List<OutboxMessage> messages) {
        messages.stream().collect(Collectors.groupingBy(OutboxMessage::claimToken)).forEach((token, claimed) -> jdbc.sql("""
                UPDATE notification_outbox SET status = 'sent', sent_at = :now, payload = NULL, claimed_until = NULL,
                       attempts = attempts + 1, last_error = NULL,
                       recipient = CASE WHEN forget_after_send THEN 'erased' ELSE recipient END
                WHERE id IN (:ids) AND claim_token = :token""")
                .param("now", DbTime.of(clock.instant())).param("ids", claimed.stream().map(OutboxMessage::id).toList())
                .param("token", token)
                .update());
    }

    /**
     * Refused for a reason about its recipient that may pass: one attempt spent, and the message waits among the
     * retries until {@code retryAt}. {@code error} must not name the recipient.
     */
    void markFailed(OutboxMessage message, Instant retryAt, String error) {
        jdbc.sql("""
                UPDATE notification_outbox SET status = 'retrying', attempts = attempts + 1, next_attempt_at = :retryAt,
                       claimed_until = NULL, last_error = :error
                WHERE id = :id AND claim_token = :token""")
                .param("retryAt", DbTime.of(retryAt)).param("error", truncate(error))
                .param("id", message.id()).param("token", message.claimToken())
                .update();
    }

    /**
     * Not tried, or failed because of the provider itself (down, slow, refusing our credentials): released for
     * {@code retryAt} with no attempt spent, keeping its place among the pending or retrying messages.
     */
    void postpone(List<OutboxMessage> messages, Instant retryAt, String error) {
        messages.stream().collect(Collectors.groupingBy(OutboxMessage::claimToken)).forEach((token, claimed) -> jdbc.sql("""
                UPDATE notification_outbox SET next_attempt_at = :retryAt, claimed_until = NULL, last_error = :error
                WHERE id IN (:ids) AND claim_token = :token""")
                .param("retryAt", DbTime.of(retryAt)).param("error", truncate(error))
                .param("ids", claimed.stream().map(OutboxMessage::id).toList()).param("token", token)
                .update());
    }

    /**
     * Given up: the row keeps its id, channel, purpose, times and {@code reason}, and loses its recipient and
     * payload (an undeliverable address is personal data all the same, and the payload may hold a code). False when
     * the lease was lost meanwhile (the message is another worker's now, or gone).
     */
    boolean abandon(OutboxMessage message, String reason, boolean attempted) {
        return jdbc.sql("""
                UPDATE notification_outbox SET status = 'abandoned', abandoned_at = :now, recipient = 'erased', payload = NULL,
                       claimed_until = NULL, last_error = :reason, attempts = attempts + :spent
                WHERE id = :id AND claim_token = :token""")
                .param("now", DbTime.of(clock.instant())).param("reason", truncate(reason)).param("spent", attempted ? 1 : 0)
                .param("id", message.id()).param("token", message.claimToken())
                .update() == 1;
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 500 ? error : error.substring(0, 500);
    }

    /** Deletes up to {@code limit} messages abandoned before {@code cutoff}; returns how many. */
    int deleteAbandonedBefore(Instant cutoff, int limit) {
        return jdbc.sql("""
                DELETE FROM notification_outbox
                WHERE id IN (SELECT id FROM notification_outbox WHERE status = 'abandoned' AND abandoned_at < :cutoff LIMIT :limit)""")
                .param("cutoff", DbTime.of(cutoff)).param("limit", limit)
                .update();
    }

    /** Deletes up to {@code limit} messages sent before {@code cutoff}; returns how many. Pending ones stay. */
    int deleteSentBefore(Instant cutoff, int limit) {
        return jdbc.sql("""
                DELETE FROM notification_outbox
                WHERE id IN (SELECT id FROM notification_outbox WHERE status = 'sent' AND sent_at < :cutoff LIMIT :limit)""")
                .param("cutoff", DbTime.of(cutoff)).param("limit", limit)
                .update();
    }

    /** Messages waiting to go out (pending or retrying), due or not: the backlog gauge. */
    long backlog() {
        return jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE status IN ('pending', 'retrying')")
                .query(Long.class).single();
    }

    /** When the message that has been due longest became due (null: nothing is due), via the due index. */
    Instant oldestDue(Instant now) {
        Instant pending = oldestDue("pending", now);
        Instant retrying = oldestDue("retrying", now);
        return pending == null ? retrying : retrying == null || pending.isBefore(retrying) ? pending : retrying;
    }

    private Instant oldestDue(String status, Instant now) {
        return jdbc.sql("""
                SELECT MIN(next_attempt_at) AS due FROM notification_outbox
                WHERE status = :status AND next_attempt_at <= :now""")
                .param("status", status).param("now", DbTime.of(now))
                .query((rs, n) -> DbTime.read(rs, "due")).optional().orElse(null);
    }
}
