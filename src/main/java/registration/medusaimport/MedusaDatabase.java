package registration.medusaimport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A Medusa 2.x database, only read: one connection in a read-only transaction, rows streamed from a server-side
 * cursor ({@code fetchSize}) and handed over in batches, so memory stays bounded by one batch whatever the
 * store's size. Layout: {@code ../shared/medusa/STORAGE-AND-HASHES.md}.
 */
final class MedusaDatabase implements AutoCloseable {

    // Every live emailpass/phonepass login of a customer, newest per (customer, provider). The customer link is in
    // auth_identity.app_metadata (jsonb, no index in Medusa), so this is one hash join, not a lookup per customer.
    private static final String CUSTOMERS = """
            WITH logins AS (
                SELECT DISTINCT ON (a.app_metadata->>'customer_id', p.provider)
                       a.app_metadata->>'customer_id' AS customer_id, p.provider, p.entity_id,
                       p.provider_metadata->>'password' AS password_hash
                FROM provider_identity p JOIN auth_identity a ON a.id = p.auth_identity_id
                WHERE p.provider IN ('emailpass', 'phonepass') AND p.deleted_at IS NULL AND a.deleted_at IS NULL
                  AND a.app_metadata->>'customer_id' IS NOT NULL
                ORDER BY a.app_metadata->>'customer_id', p.provider, p.created_at DESC
            )
            SELECT c.id, c.email, c.phone, c.first_name, c.last_name, c.company_name,
                   CASE WHEN jsonb_typeof(c.metadata) = 'object' THEN c.metadata::text END AS metadata,
                   (c.metadata IS NOT NULL AND jsonb_typeof(c.metadata) <> 'object') AS metadata_dropped,
                   c.created_at, %s AS email_verified, %s AS phone_verified,
                   e.entity_id AS email_login, e.password_hash AS email_hash,
                   ph.entity_id AS phone_login, ph.password_hash AS phone_hash
            FROM customer c
            LEFT JOIN logins e ON e.customer_id = c.id AND e.provider = 'emailpass'
            LEFT JOIN logins ph ON ph.customer_id = c.id AND ph.provider = 'phonepass'
            WHERE c.has_account AND c.deleted_at IS NULL
            ORDER BY c.id""";

    private static final String ADMINS = """
            SELECT a.app_metadata->>'user_id' AS user_id, p.entity_id, p.provider_metadata->>'password' AS password_hash,
                   p.created_at
            FROM provider_identity p JOIN auth_identity a ON a.id = p.auth_identity_id
            WHERE p.provider = 'emailpass' AND p.deleted_at IS NULL AND a.deleted_at IS NULL
              AND a.app_metadata->>'user_id' IS NOT NULL
            ORDER BY p.created_at, p.id""";

    private final Connection connection;

    private MedusaDatabase(Connection connection) {
        this.connection = connection;
    }

    static MedusaDatabase open(ImportOptions options) throws SQLException {
        Connection connection = DriverManager.getConnection(options.fromUrl(), options.fromUser(), options.fromPassword());
        try {
            // Read-only: PostgreSQL refuses any write in this transaction, so the import cannot change the store.
            // Not auto-commit: the PostgreSQL driver streams a result with a fetch size only inside a transaction.
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
            return new MedusaDatabase(connection);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /** Streams every registered, not deleted customer, ordered by id, {@code batchSize} at a time. */
    void customers(int batchSize, Consumer<List<MedusaCustomer>> batches) throws SQLException {
        Set<String> seedColumns = customerColumns();
        String sql = CUSTOMERS.formatted(
                seedColumns.contains("email_verified") ? "c.email_verified" : "CAST(NULL AS BOOLEAN)",
                seedColumns.contains("phone_verified") ? "c.phone_verified" : "CAST(NULL AS BOOLEAN)");
        try (PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(batchSize);
            try (ResultSet rs = statement.executeQuery()) {
                List<MedusaCustomer> batch = new ArrayList<>(batchSize);
                while (rs.next()) {
                    batch.add(customer(rs));
                    if (batch.size() == batchSize) {
                        batches.accept(batch);
                        batch = new ArrayList<>(batchSize);
                    }
                }
                if (!batch.isEmpty()) {
                    batches.accept(batch);
                }
            }
        }
    }

    /** Admin users' emailpass logins (few: read at once). */
    List<MedusaAdmin> admins() throws SQLException {
        List<MedusaAdmin> admins = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(ADMINS); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                admins.add(new MedusaAdmin(rs.getString("user_id"), rs.getString("entity_id"),
                        rs.getString("password_hash"), instant(rs, "created_at")));
            }
        }
        return admins;
    }

    /** Which of the seed plugin's verification columns the customer table has (none without the plugin). */
    private Set<String> customerColumns() throws SQLException {
        Set<String> columns = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = 'customer'
                  AND column_name IN ('email_verified', 'phone_verified')""");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        }
        return columns;
    }

    private static MedusaCustomer customer(ResultSet rs) throws SQLException {
        return new MedusaCustomer(rs.getString("id"), rs.getString("email"), rs.getString("phone"),
                rs.getString("first_name"), rs.getString("last_name"), rs.getString("company_name"),
                rs.getString("metadata"), rs.getBoolean("metadata_dropped"), instant(rs, "created_at"),
                rs.getObject("email_verified", Boolean.class), rs.getObject("phone_verified", Boolean.class),
                rs.getString("email_login"), rs.getString("email_hash"), rs.getString("phone_login"),
                rs.getString("phone_hash"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback(); // nothing to keep: the transaction only read
        } finally {
            connection.close();
        }
    }
}
