package registration.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import registration.changes.CachedRows;
import registration.changes.RowCaches;
import registration.config.DbTime;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code customer_address} table. {@code GET /store/customers/me} answers the customer with its addresses from
 * memory, so every write here records a change of the customer ({@link RowCaches#changed}, {@link CachedRows#CUSTOMER}):
 * the cached {@code me} is evicted on every instance. Every statement names the customer: an address of another
 * customer is simply not found.
 */
@Repository
class Addresses {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final String ORDER = " ORDER BY created_at, id";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final RowCaches changes;

    Addresses(JdbcClient jdbc, JsonMapper json, Clock clock, RowCaches changes) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.changes = changes;
    }

    /**
     * Locks the live customer's row until the transaction ends (false: no such customer). Writers of one
     * customer's addresses take it first, so that "at most N addresses" and "one default of each kind" are
     * decided one writer at a time; the unique constraints of V15 would refuse a second default anyway.
     */
    boolean lockCustomer(String customerId) {
        return jdbc.sql("SELECT id FROM customer WHERE id = :id AND deleted_at IS NULL FOR UPDATE")
                .param("id", customerId).query(String.class).optional().isPresent();
    }

    List<Address> listOf(String customerId) {
        return jdbc.sql("SELECT * FROM customer_address WHERE customer_id = :customer" + ORDER)
                .param("customer", customerId).query(this::row).list();
    }

    List<Address> page(String customerId, int limit, int offset) {
        return jdbc.sql("SELECT * FROM customer_address WHERE customer_id = :customer" + ORDER + " LIMIT :limit OFFSET :offset")
                .param("customer", customerId).param("limit", limit).param("offset", offset).query(this::row).list();
    }

    long count(String customerId) {
        return jdbc.sql("SELECT COUNT(*) FROM customer_address WHERE customer_id = :customer")
                .param("customer", customerId).query(Long.class).single();
    }

    Optional<Address> find(String customerId, String id) {
        return jdbc.sql("SELECT * FROM customer_address WHERE id = :id AND customer_id = :customer")
                .param("id", id).param("customer", customerId).query(this::row).optional();
    }

    void insert(String customerId, String id, AddressRequest address, boolean defaultShipping, boolean defaultBilling) {
        Map<String, Object> columns = new LinkedHashMap<>();
        address.textColumns().forEach((column, value) -> columns.put(column, value.orElse(null)));
        if (address.metadata() != null) {
            columns.put("metadata", metadataJson(address.metadata().orElse(null)));
        }
        columns.put("default_shipping_of", defaultShipping ? customerId : null);
        columns.put("default_billing_of", defaultBilling ? customerId : null);
        String names = String.join(", ", columns.keySet());
        String values = ":" + String.join(", :", columns.keySet());
        jdbc.sql("INSERT INTO customer_address (id, customer_id, " + names + ", created_at, updated_at) "
                        + "VALUES (:id, :customer, " + values + ", :now, :now)")
                .params(columns).param("id", id).param("customer", customerId)
                .param("now", DbTime.of(clock.instant()))
                .update();
        changes.changed(CachedRows.CUSTOMER, customerId);
    }

    /**
     * Sets the fields the request names; {@code defaultShipping}/{@code defaultBilling} null leave the flag as it
     * is. False when the customer has no such address.
     */
    boolean update(String customerId, String id, AddressRequest address, Boolean defaultShipping, Boolean defaultBilling) {
        Map<String, Object> columns = new LinkedHashMap<>();
        address.textColumns().forEach((column, value) -> columns.put(column, value.orElse(null)));
        if (address.metadata() != null) {
            columns.put("metadata", metadataJson(address.metadata().orElse(null)));
        }
        if (defaultShipping != null) {
            columns.put("default_shipping_of", defaultShipping ? customerId : null);
        }
        if (defaultBilling != null) {
            columns.put("default_billing_of", defaultBilling ? customerId : null);
        }
        StringBuilder sql = new StringBuilder("UPDATE customer_address SET updated_at = :now");
        columns.keySet().forEach(column -> sql.append(", ").append(column).append(" = :").append(column));
        sql.append(" WHERE id = :id AND customer_id = :customer");
        return written(customerId, jdbc.sql(sql.toString()).params(columns).param("now", DbTime.of(clock.instant()))
                .param("id", id).param("customer", customerId).update());
    }

    /** Takes the default shipping (or billing) flag from every address of the customer but {@code keepId}. */
    void clearDefault(String customerId, boolean shipping, String keepId) {
        String column = shipping ? "default_shipping_of" : "default_billing_of";
        written(customerId, jdbc.sql("UPDATE customer_address SET " + column + " = NULL, updated_at = :now "
                        + "WHERE " + column + " = :customer AND id <> :keep")
                .param("now", DbTime.of(clock.instant())).param("customer", customerId).param("keep", keepId).update());
    }

    boolean delete(String customerId, String id) {
        return written(customerId, jdbc.sql("DELETE FROM customer_address WHERE id = :id AND customer_id = :customer")
                .param("id", id).param("customer", customerId).update());
    }

    /** Erases every address of the customer (account deletion). */
    void eraseOf(String customerId) {
        written(customerId, jdbc.sql("DELETE FROM customer_address WHERE customer_id = :customer")
                .param("customer", customerId).update());
    }

    private boolean written(String customerId, int rows) {
        if (rows > 0) {
            changes.changed(CachedRows.CUSTOMER, customerId);
        }
        return rows > 0;
    }

    private String metadataJson(Map<String, Object> metadata) {
        return metadata == null ? null : json.writeValueAsString(metadata);
    }

    private Address row(ResultSet rs, int n) throws SQLException {
        String metadata = rs.getString("metadata");
        return new Address(rs.getString("id"), rs.getString("address_name"), rs.getString("default_shipping_of") != null,
                rs.getString("default_billing_of") != null, rs.getString("customer_id"), rs.getString("company"),
                rs.getString("first_name"), rs.getString("last_name"), rs.getString("address_1"),
                rs.getString("address_2"), rs.getString("city"), rs.getString("country_code"), rs.getString("province"),
                rs.getString("postal_code"), rs.getString("phone"),
                metadata == null ? null : json.readValue(metadata, OBJECT), DbTime.read(rs, "created_at"),
                DbTime.read(rs, "updated_at"));
    }
}
