package registration.deletion;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.github.f4b6a3.ulid.UlidCreator;

import registration.config.DbTime;

/**
 * The {@code account_deletion_request} table. Every change of status is a conditional UPDATE on the status it
 * leaves, so of two racing changes (confirm and replace, cancel and completion, two completions) exactly one
 * wins; {@code open_customer_id} with its unique constraint keeps at most one open request per customer.
 */
@Repository
public class DeletionRequests {

    /** A confirmed request whose time has come. */
    record Due(String id, String customerId) {
    }

    /** One page of the admin list and how many requests match in all. */
    public record Page(List<DeletionRequest> requests, long count) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    DeletionRequests(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Opens a pending request in place of the customer's pending one, if any (one pending at most). A
     * concurrent twin, or a confirmed request, makes the insert fail on {@code uq_account_deletion_request_open}.
     */
    DeletionRequest openPending(String customerId, String reason, String email, String phone) {
        Instant now = clock.instant();
        jdbc.sql("DELETE FROM account_deletion_request WHERE customer_id = :customerId AND status = 'pending'")
                .param("customerId", customerId).update();
        String id = "adr_" + UlidCreator.getMonotonicUlid();
        jdbc.sql("""
                INSERT INTO account_deletion_request (id, customer_id, status, open_customer_id, reason, email, phone,
                                                      created_at, updated_at)
                VALUES (:id, :customerId, 'pending', :customerId, :reason, :email, :phone, :now, :now)""")
                .param("id", id).param("customerId", customerId).param("reason", reason).param("email", email)
                .param("phone", phone).param("now", DbTime.of(now))
                .update();
        return findById(id).orElseThrow();
    }

    /** pending → confirmed, due {@code grace} from now; empty when the customer has no pending request. */
    Optional<DeletionRequest> markConfirmed(String customerId, Duration grace) {
        Instant now = clock.instant();
        int updated = jdbc.sql("""
                UPDATE account_deletion_request
                SET status = 'confirmed', confirmed_at = :now, scheduled_for = :scheduledFor, updated_at = :now
                WHERE customer_id = :customerId AND status = 'pending'""")
                .param("now", DbTime.of(now)).param("scheduledFor", DbTime.of(now.plus(grace)))
                .param("customerId", customerId)
                .update();
        return updated == 1 ? findOpen(customerId) : Optional.empty();
    }

    /** confirmed → cancelled; empty when the customer has no confirmed request (completed meanwhile, …). */
    Optional<DeletionRequest> markCancelled(String customerId) {
        Instant now = clock.instant();
        Optional<DeletionRequest> open = findOpen(customerId);
        int updated = jdbc.sql("""
                UPDATE account_deletion_request
                SET status = 'cancelled', cancelled_at = :now, open_customer_id = NULL, updated_at = :now
                WHERE customer_id = :customerId AND status = 'confirmed'""")
                .param("now", DbTime.of(now)).param("customerId", customerId)
                .update();
        return updated == 1 ? open.flatMap(r -> findById(r.id())) : Optional.empty();
    }

    boolean hasConfirmed(String customerId) {
        return jdbc.sql("SELECT COUNT(*) FROM account_deletion_request WHERE customer_id = :customerId AND status = 'confirmed'")
                .param("customerId", customerId).query(Long.class).single() > 0;
    }

    Optional<String> findConfirmedId(String customerId) {
        return jdbc.sql("SELECT id FROM account_deletion_request WHERE customer_id = :customerId AND status = 'confirmed'")
                .param("customerId", customerId).query(String.class).optional();
    }

    boolean hasCompleted(String customerId) {
        return jdbc.sql("SELECT COUNT(*) FROM account_deletion_request WHERE customer_id = :customerId AND status = 'completed'")
                .param("customerId", customerId).query(Long.class).single() > 0;
    }

    /** Confirmed requests due now, oldest first. */
    List<Due> findDue(int limit) {
        return jdbc.sql("""
                SELECT id, customer_id FROM account_deletion_request
                WHERE status = 'confirmed' AND scheduled_for <= :now
                ORDER BY scheduled_for, id
                LIMIT :limit""")
                .param("now", DbTime.of(clock.instant())).param("limit", limit)
                .query((rs, n) -> new Due(rs.getString("id"), rs.getString("customer_id"))).list();
    }

    /**
     * Moves a confirmed request's due date to {@code notBefore}, but never beyond {@code maxTotal} after the date
     * it was first due (remembered in {@code first_scheduled_for}); true when the date moved. Conditional on the
     * date read, so of two sweeps at once only one moves it (and a completion claimed meanwhile wins).
     */
    boolean postpone(String id, Instant notBefore, Duration maxTotal) {
        record Dates(Instant scheduledFor, Instant firstScheduledFor) {
        }
        Optional<Dates> dates = jdbc.sql("""
                SELECT scheduled_for, first_scheduled_for FROM account_deletion_request WHERE id = :id AND status = 'confirmed'""")
                .param("id", id)
                .query((rs, n) -> new Dates(DbTime.read(rs, "scheduled_for"), DbTime.read(rs, "first_scheduled_for")))
                .optional();
        if (dates.isEmpty()) {
            return false;
        }
        Instant current = dates.get().scheduledFor();
        Instant first = dates.get().firstScheduledFor() != null ? dates.get().firstScheduledFor() : current;
        Instant target = notBefore.isBefore(first.plus(maxTotal)) ? notBefore : first.plus(maxTotal);
        if (!target.isAfter(current)) {
            return false;
        }
        return jdbc.sql("""
                UPDATE account_deletion_request
                SET scheduled_for = :target, first_scheduled_for = :first, updated_at = :now
                WHERE id = :id AND status = 'confirmed' AND scheduled_for = :current""")
                .param("target", DbTime.of(target)).param("first", DbTime.of(first))
                .param("now", DbTime.of(clock.instant())).param("id", id).param("current", DbTime.of(current))
                .update() == 1;
    }

    /**
     * confirmed → completed, for exactly one caller: the instance whose UPDATE changes the row does the
     * deletion; another instance, or a cancellation that got there first, leaves it alone. The row keeps its
     * ids, status, timestamps and reason; its email and phone are erased.
     */
    boolean claimCompletion(String id) {
        Instant now = clock.instant();
        return jdbc.sql("""
                UPDATE account_deletion_request
                SET status = 'completed', completed_at = :now, open_customer_id = NULL, email = NULL, phone = NULL,
                    updated_at = :now
                WHERE id = :id AND status = 'confirmed' AND scheduled_for <= :now""")
                .param("now", DbTime.of(now)).param("id", id)
                .update() == 1;
    }

    /**
     * Completes the customer's deletion now (an operator's erase-now): its open request, pending or confirmed,
     * becomes completed, or a completed request is recorded when it had none. Returns the request's id; empty when
     * another erasure got there first (the customer is erased already).
     */
    Optional<String> completeNow(String customerId, String reason) {
        Instant now = clock.instant();
        // Two erasures at once (two operators, or twice the same click): the customer's row lock makes the second
        // wait and then find the customer erased.
        boolean live = jdbc.sql("SELECT id FROM customer WHERE id = :id AND deleted_at IS NULL FOR UPDATE")
                .param("id", customerId).query(String.class).optional().isPresent();
        if (!live) {
            return Optional.empty();
        }
        Optional<DeletionRequest> open = findOpen(customerId);
        if (open.isPresent()) {
            int claimed = jdbc.sql("""
                    UPDATE account_deletion_request
                    SET status = 'completed', completed_at = :now, open_customer_id = NULL, email = NULL, phone = NULL,
                        updated_at = :now
                    WHERE id = :id AND open_customer_id IS NOT NULL""")
                    .param("now", DbTime.of(now)).param("id", open.get().id()).update();
            return claimed == 1 ? Optional.of(open.get().id()) : Optional.empty();
        }
        String id = "adr_" + UlidCreator.getMonotonicUlid();
        jdbc.sql("""
                INSERT INTO account_deletion_request (id, customer_id, status, reason, created_at, updated_at, completed_at)
                VALUES (:id, :customerId, 'completed', :reason, :now, :now, :now)""")
                .param("id", id).param("customerId", customerId).param("reason", reason).param("now", DbTime.of(now))
                .update();
        return Optional.of(id);
    }

    /** The customer's open request (pending or confirmed), if any. */
    public Optional<DeletionRequest> openOf(String customerId) {
        return findOpen(customerId);
    }

    /** Erases the contact details from every request the customer ever made (earlier cancelled ones too). */
    void eraseContacts(String customerId) {
        jdbc.sql("""
                UPDATE account_deletion_request SET email = NULL, phone = NULL
                WHERE customer_id = :customerId AND (email IS NOT NULL OR phone IS NOT NULL)""")
                .param("customerId", customerId).update();
    }

    /** Every request of one customer, newest first (the customer's data export). */
    public List<DeletionRequest> listOf(String customerId) {
        return jdbc.sql("SELECT * FROM account_deletion_request WHERE customer_id = :customerId ORDER BY created_at DESC, id DESC")
                .param("customerId", customerId).query(DeletionRequests::row).list();
    }

    /** The admin list: newest first (created_at, then id), optionally of one status. */
    public Page list(Optional<DeletionStatus> status, int limit, int offset) {
        String where = status.isPresent() ? " WHERE status = :status" : "";
        var page = jdbc.sql("SELECT * FROM account_deletion_request" + where
                        + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .param("limit", limit).param("offset", offset);
        var count = jdbc.sql("SELECT COUNT(*) FROM account_deletion_request" + where);
        if (status.isPresent()) {
            page = page.param("status", status.get().id());
            count = count.param("status", status.get().id());
        }
        return new Page(page.query(DeletionRequests::row).list(), count.query(Long.class).single());
    }

    private Optional<DeletionRequest> findOpen(String customerId) {
        return jdbc.sql("SELECT * FROM account_deletion_request WHERE open_customer_id = :customerId")
                .param("customerId", customerId).query(DeletionRequests::row).optional();
    }

    private Optional<DeletionRequest> findById(String id) {
        return jdbc.sql("SELECT * FROM account_deletion_request WHERE id = :id")
                .param("id", id).query(DeletionRequests::row).optional();
    }

    private static DeletionRequest row(ResultSet rs, int n) throws SQLException {
        return new DeletionRequest(rs.getString("id"), rs.getString("customer_id"),
                DeletionStatus.ofId(rs.getString("status")).orElseThrow(), rs.getString("reason"), rs.getString("email"),
                rs.getString("phone"), DbTime.read(rs, "scheduled_for"), DbTime.read(rs, "confirmed_at"),
                DbTime.read(rs, "cancelled_at"), DbTime.read(rs, "completed_at"), DbTime.read(rs, "created_at"),
                DbTime.read(rs, "updated_at"));
    }
}
