package registration.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.github.f4b6a3.ulid.UlidCreator;

import registration.config.DbTime;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code security_event} table: inserted, read, scrubbed after an erasure and purged by age; nothing else
 * updates a row.
 */
@Repository
class SecurityEvents {

    static final Set<String> ACTOR_TYPES = Set.of("customer", "admin", "system", "anonymous");

    /** A page of events and how many match in all. */
    record Page(List<SecurityEvent> events, long count) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    SecurityEvents(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(String type, String customerId, String actorType, String actorId, String clientAddress,
                String maskedIdentifier, Map<String, String> details, Instant at) {
        jdbc.sql("""
                INSERT INTO security_event (id, type, customer_id, actor_type, actor_id, client_address, identifier,
                                            details, occurred_at)
                VALUES (:id, :type, :customerId, :actorType, :actorId, :client, :identifier, :details, :at)""")
                .param("id", "sev_" + UlidCreator.getMonotonicUlid()).param("type", type)
                .param("customerId", customerId).param("actorType", actorType).param("actorId", actorId)
                .param("client", clientAddress).param("identifier", maskedIdentifier)
                .param("details", details.isEmpty() ? null : json.writeValueAsString(details))
                .param("at", DbTime.of(at)).update();
    }

    /** The erasure: the customer's events keep their id, type, actor and time, nothing that could identify them. */
    int scrub(String customerId) {
        return jdbc.sql("""
                UPDATE security_event SET identifier = NULL, client_address = NULL, details = NULL
                WHERE customer_id = :customerId""").param("customerId", customerId).update();
    }

    int deleteBefore(Instant cutoff, int limit) {
        return jdbc.sql("""
                DELETE FROM security_event WHERE id IN
                    (SELECT id FROM security_event WHERE occurred_at < :cutoff ORDER BY occurred_at LIMIT :limit)""")
                .param("cutoff", DbTime.of(cutoff)).param("limit", limit).update();
    }

    Page search(AuditQuery query) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (query.customerId() != null) {
            where.append(" AND customer_id = :customerId");
            params.put("customerId", query.customerId());
        }
        if (query.type() != null) {
            where.append(" AND type = :type");
            params.put("type", query.type());
        }
        if (query.actor() != null) {
            where.append(ACTOR_TYPES.contains(query.actor()) ? " AND actor_type = :actor" : " AND actor_id = :actor");
            params.put("actor", query.actor());
        }
        if (query.from() != null) {
            where.append(" AND occurred_at >= :from");
            params.put("from", DbTime.of(query.from()));
        }
        if (query.to() != null) {
            where.append(" AND occurred_at < :to");
            params.put("to", DbTime.of(query.to()));
        }
        long count = jdbc.sql("SELECT COUNT(*) FROM security_event" + where).params(params).query(Long.class).single();
        List<SecurityEvent> events = jdbc.sql("SELECT * FROM security_event" + where
                        + " ORDER BY occurred_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .params(params).param("limit", query.limit()).param("offset", query.offset())
                .query((rs, n) -> row(rs)).list();
        return new Page(events, count);
    }

    private SecurityEvent row(ResultSet rs) throws SQLException {
        String details = rs.getString("details");
        Map<String, Object> parsed = details == null ? Map.of()
                : json.readValue(details, new TypeReference<LinkedHashMap<String, Object>>() { });
        return new SecurityEvent(rs.getString("id"), rs.getString("type"), rs.getString("customer_id"),
                rs.getString("actor_type"), rs.getString("actor_id"), rs.getString("client_address"),
                rs.getString("identifier"), parsed, DbTime.read(rs, "occurred_at"));
    }
}
