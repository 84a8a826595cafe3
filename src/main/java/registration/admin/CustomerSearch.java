package registration.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import registration.config.DbTime;

/**
 * The operator's customer search ({@code GET /admin/customers}): a read-only query across the customer and the
 * state other features keep about it (block, locks, deletion), joined by customer id. Built to stay fast on a
 * million customers on both databases: every text match is a prefix {@code LIKE 'x%'} on a column with a btree
 * index (on PostgreSQL with {@code text_pattern_ops}, so the collation does not matter), names through the
 * lower-cased search columns the database maintains ({@code name_search}, {@code last_name_search}, migration
 * V17), and every order is an index order with the id as tie-breaker.
 */
@Repository
class CustomerSearch {

    /** What the list may be ordered by (Medusa's {@code order}, a leading {@code -} for descending). */
    enum Order {
        CREATED_AT("created_at"), EMAIL("email"), ID("id");

        final String column;

        Order(String column) {
            this.column = column;
        }
    }

    /** The filters; null = not filtered. {@code q} is matched as a prefix of email, phone, name or id. */
    record Filter(String q, Boolean emailVerified, Boolean phoneVerified, Boolean hasPendingDeletion, Boolean locked,
                  Boolean blocked, Instant createdFrom, Instant createdTo, boolean createdFromInclusive,
                  boolean createdToInclusive) {
    }

    /** One customer of the list. */
    record Row(String id, String email, String phone, String firstName, String lastName, String companyName,
               boolean hasAccount, boolean emailVerified, boolean phoneVerified, boolean blocked, boolean locked,
               boolean hasPendingDeletion, Instant createdAt, Instant updatedAt) {
    }

    /** {@code count}: the matches, at most {@link #MAX_COUNT} ({@code capped}: there are more). */
    record Page(List<Row> customers, long count, boolean capped) {
    }

    /** Most matches counted: beyond, {@code count} is this and {@code count_capped} true (see docs/operating.md). */
    static final int MAX_COUNT = 10_000;

    // Filters drive from the few flagged rows (IN a small set), never probe every customer.
    private static final String LOCKED = """
            c.id IN (SELECT l.actor_id FROM login_lock l WHERE l.actor_type = 'customer' AND l.locked_until > :now
                     AND (l.cleared_at IS NULL OR l.cleared_at < l.locked_at) AND l.actor_id IS NOT NULL
                     UNION ALL SELECT o.subject FROM otp_lock o WHERE o.locked_until > :now)""";
    private static final String BLOCKED = """
            c.id IN (SELECT a.actor_id FROM auth_identity a WHERE a.actor_type = 'customer' AND a.blocked_at IS NOT NULL AND a.actor_id IS NOT NULL)""";
    /** A confirmed deletion waiting for its date (a pending request is only a code sent, and may never be confirmed). */
    private static final String PENDING_DELETION = """
            c.id IN (SELECT d.open_customer_id FROM account_deletion_request d WHERE d.status = 'confirmed' AND d.open_customer_id IS NOT NULL)""";
    private static final String COLUMNS = """
            c.id, c.email, c.phone, c.first_name, c.last_name, c.company_name, c.has_account, c.email_verified,
            c.phone_verified, c.created_at, c.updated_at""";
    /**
     * The flags of each row of the page only (computed outside the paged subquery, so an offset costs no flags):
     * scalar subqueries by index, one probe per row. (As EXISTS in the select list, PostgreSQL may choose a hashed
     * subplan that reads every blocked identity: 0.4 s on a million customers.)
     */
    private static final String FLAGS = """
             (SELECT COUNT(*) FROM auth_identity a WHERE a.actor_type = 'customer' AND a.actor_id = c.id AND a.blocked_at IS NOT NULL) > 0 AS blocked,
             (SELECT COUNT(*) FROM login_lock l WHERE l.actor_id = c.id AND l.actor_type = 'customer' AND l.locked_until > :now
                  AND (l.cleared_at IS NULL OR l.cleared_at < l.locked_at))
               + (SELECT COUNT(*) FROM otp_lock o WHERE o.subject = c.id AND o.locked_until > :now) > 0 AS locked,
             (SELECT COUNT(*) FROM account_deletion_request d WHERE d.open_customer_id = c.id AND d.status = 'confirmed') > 0 AS has_pending_deletion""";

    private final JdbcClient jdbc;
    private final Clock clock;

    CustomerSearch(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Page search(Filter filter, Order order, boolean descending, int limit, int offset) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("now", DbTime.of(clock.instant()));
        StringBuilder where = new StringBuilder(" WHERE c.deleted_at IS NULL");
        if (filter.q() != null && !filter.q().isBlank()) {
            where.append(" AND (").append(textMatch(filter.q().strip(), params)).append(")");
        }
        flag(where, "c.email_verified", filter.emailVerified());
        flag(where, "c.phone_verified", filter.phoneVerified());
        condition(where, PENDING_DELETION, filter.hasPendingDeletion());
        condition(where, LOCKED, filter.locked());
        condition(where, BLOCKED, filter.blocked());
        if (filter.createdFrom() != null) {
            where.append(" AND c.created_at ").append(filter.createdFromInclusive() ? ">=" : ">").append(" :createdFrom");
            params.put("createdFrom", DbTime.of(filter.createdFrom()));
        }
        if (filter.createdTo() != null) {
            where.append(" AND c.created_at ").append(filter.createdToInclusive() ? "<=" : "<").append(" :createdTo");
            params.put("createdTo", DbTime.of(filter.createdTo()));
        }
        String direction = descending ? " DESC" : " ASC";
        String orderBy = order == Order.ID ? " ORDER BY c.id" + direction
                : " ORDER BY c." + order.column + direction + ", c.id" + direction;
        List<Row> rows = jdbc.sql("SELECT c.*, " + FLAGS + " FROM (SELECT " + COLUMNS + " FROM customer c" + where + orderBy
                        + " LIMIT :limit OFFSET :offset) c" + orderBy)
                .params(params).param("limit", limit).param("offset", offset)
                .query(CustomerSearch::row).list();
        // Counting stops at MAX_COUNT + 1 rows: a count of half a million matches would cost a scan of them all.
        long count = jdbc.sql("SELECT COUNT(*) FROM (SELECT 1 AS one FROM customer c" + where + " LIMIT :max) n")
                .params(params).param("max", MAX_COUNT + 1).query(Long.class).single();
        return new Page(rows, Math.min(count, MAX_COUNT), count > MAX_COUNT);
    }

    /**
     * {@code q} as a prefix of the email, the phone (E.164; spaces, dashes, dots and brackets ignored, a missing
     * {@code +} added), the first name, full name ("first last") or last name (case-insensitive), or the id.
     */
    private static String textMatch(String q, Map<String, Object> params) {
        String lower = q.toLowerCase(Locale.ROOT);
        params.put("qLower", escape(lower) + "%");
        params.put("qId", escape(q) + "%");
        StringBuilder match = new StringBuilder("c.email LIKE :qLower ESCAPE '\\'"
                + " OR c.name_search LIKE :qLower ESCAPE '\\'"
                + " OR c.last_name_search LIKE :qLower ESCAPE '\\'"
                + " OR c.id LIKE :qId ESCAPE '\\'");
        String digits = q.replaceAll("[\\s().\\-]", "");
        if (digits.matches("\\+?\\d{2,}")) {
            params.put("qPhone", (digits.startsWith("+") ? digits : "+" + digits) + "%");
            match.append(" OR c.phone LIKE :qPhone");
        }
        return match.toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static void flag(StringBuilder where, String column, Boolean value) {
        if (value != null) {
            where.append(" AND ").append(column).append(value ? " = TRUE" : " = FALSE");
        }
    }

    private static void condition(StringBuilder where, String condition, Boolean value) {
        if (value != null) {
            where.append(value ? " AND " : " AND NOT ").append(condition);
        }
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getString("id"), rs.getString("email"), rs.getString("phone"), rs.getString("first_name"),
                rs.getString("last_name"), rs.getString("company_name"), rs.getBoolean("has_account"),
                rs.getBoolean("email_verified"), rs.getBoolean("phone_verified"), rs.getBoolean("blocked"),
                rs.getBoolean("locked"), rs.getBoolean("has_pending_deletion"), DbTime.read(rs, "created_at"),
                DbTime.read(rs, "updated_at"));
    }
}
