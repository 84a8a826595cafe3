package registration.medusaimport;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.github.f4b6a3.ulid.UlidCreator;

import registration.config.DbTime;

/**
 * Where imported customers are written: {@code customer}, {@code auth_identity} and {@code provider_identity}, the
 * same rows {@code Customers.insert} and {@code AuthIdentities.insert} write for a sign-up, but as JDBC batches
 * (three statements per batch instead of three per customer), which is what makes a million customers take
 * minutes. The unique constraints still decide: a row another writer took meanwhile fails the batch, and the
 * caller retries that batch row by row.
 */
@Repository
class ImportedCustomers {

    private static final String INSERT_CUSTOMER = """
            INSERT INTO customer (id, email, phone, first_name, last_name, company_name, metadata, has_account,
                                  email_verified, phone_verified, created_at, updated_at)
            VALUES (:id, :email, :phone, :firstName, :lastName, :companyName, :metadata, TRUE,
                    :emailVerified, :phoneVerified, :createdAt, :now)""";
    private static final String INSERT_IDENTITY = """
            INSERT INTO auth_identity (id, actor_type, actor_id, credential_version, created_at, updated_at)
            VALUES (:id, :actorType, :actorId, 1, :now, :now)""";
    private static final String INSERT_PROVIDER = """
            INSERT INTO provider_identity (id, auth_identity_id, actor_type, provider, entity_id, password_hash, created_at, updated_at)
            VALUES (:id, :authId, :actorType, :provider, :entityId, :hash, :now, :now)""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;
    private final Clock clock;
    private Boolean onPostgres;

    ImportedCustomers(JdbcClient jdbc, NamedParameterJdbcTemplate batches, Clock clock) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.clock = clock;
    }

    /** Which of {@code ids} exist here, each mapped to whether that customer was erased. */
    Map<String, Boolean> existing(Collection<String> ids) {
        Map<String, Boolean> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.sql("SELECT id, deleted_at FROM customer WHERE id IN (:ids)").param("ids", ids)
                .query(rs -> {
                    found.put(rs.getString("id"), rs.getObject("deleted_at") != null);
                });
        return found;
    }

    /** Which of {@code emails} a customer here has, or a customer login (possibly before its customer exists) uses. */
    Set<String> takenEmails(Collection<String> emails) {
        return taken("email", "emailpass", emails);
    }

    /** {@link #takenEmails} for E.164 phones and phonepass logins. */
    Set<String> takenPhones(Collection<String> phones) {
        return taken("phone", "phonepass", phones);
    }

    private Set<String> taken(String column, String provider, Collection<String> values) {
        if (values.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT " + column + " FROM customer WHERE " + column + " IN (:values) "
                        + "UNION SELECT entity_id FROM provider_identity "
                        + "WHERE actor_type = 'customer' AND provider = :provider AND entity_id IN (:values)")
                .param("values", values).param("provider", provider).query(String.class).list());
    }

    /** Inserts the customers with their logins; meant to run in one transaction per batch. */
    void insert(List<ImportedCustomer> customers) {
        var now = DbTime.of(clock.instant());
        List<SqlParameterSource> rows = new ArrayList<>(customers.size());
        List<SqlParameterSource> identities = new ArrayList<>();
        List<SqlParameterSource> providers = new ArrayList<>();
        for (ImportedCustomer c : customers) {
            rows.add(new MapSqlParameterSource().addValue("id", c.id()).addValue("email", c.email())
                    .addValue("phone", c.phone()).addValue("firstName", c.firstName()).addValue("lastName", c.lastName())
                    .addValue("companyName", c.companyName()).addValue("metadata", c.metadataJson())
                    .addValue("emailVerified", c.emailVerified()).addValue("phoneVerified", c.phoneVerified())
                    .addValue("createdAt", DbTime.of(c.createdAt() == null ? Instant.EPOCH : c.createdAt()))
                    .addValue("now", now));
            if (!c.hasLogin()) {
                continue;
            }
            String authId = "authid_" + UlidCreator.getMonotonicUlid();
            identities.add(new MapSqlParameterSource().addValue("id", authId).addValue("actorType", "customer")
                    .addValue("actorId", c.id()).addValue("now", now));
            if (c.emailHash() != null) {
                providers.add(provider(authId, "customer", "emailpass", c.email(), c.emailHash(), now));
            }
            if (c.phoneHash() != null) {
                providers.add(provider(authId, "customer", "phonepass", c.phone(), c.phoneHash(), now));
            }
        }
        batches.batchUpdate(INSERT_CUSTOMER, rows.toArray(SqlParameterSource[]::new));
        batches.batchUpdate(INSERT_IDENTITY, identities.toArray(SqlParameterSource[]::new));
        batches.batchUpdate(INSERT_PROVIDER, providers.toArray(SqlParameterSource[]::new));
    }

    /**
     * Refreshes PostgreSQL's statistics of the tables the import fills. A bulk load outruns autovacuum: planned
     * on the statistics of a nearly empty table, the conflict checks scanned every login instead of using the
     * unique index, and the million-customer import slowed from thousands of rows a second to a hundred.
     */
    void refreshStatistics() {
        if (onPostgres()) {
            jdbc.sql("ANALYZE customer, auth_identity, provider_identity").update();
        }
    }

    private boolean onPostgres() {
        if (onPostgres == null) {
            onPostgres = "PostgreSQL".equals(batches.getJdbcTemplate().execute(
                    (ConnectionCallback<String>) connection -> connection.getMetaData().getDatabaseProductName()));
        }
        return onPostgres;
    }

    /** Whether an admin user here has this id or this email (as a user or a user login). */
    boolean adminExists(String id, String email) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM admin_user WHERE id = :id OR email = :email""")
                .param("id", id).param("email", email).query(Integer.class).single() > 0
                || jdbc.sql("""
                SELECT COUNT(*) FROM provider_identity WHERE actor_type = 'user' AND provider = 'emailpass' AND entity_id = :email""")
                .param("email", email).query(Integer.class).single() > 0;
    }

    /** Inserts an admin user with its emailpass login (one transaction). */
    void insertAdmin(String id, String email, String storedHash, Instant createdAt) {
        var now = DbTime.of(clock.instant());
        jdbc.sql("INSERT INTO admin_user (id, email, created_at) VALUES (:id, :email, :createdAt)")
                .param("id", id).param("email", email).param("createdAt", DbTime.of(createdAt == null ? Instant.EPOCH : createdAt))
                .update();
        String authId = "authid_" + UlidCreator.getMonotonicUlid();
        batches.update(INSERT_IDENTITY, new MapSqlParameterSource().addValue("id", authId).addValue("actorType", "user")
                .addValue("actorId", id).addValue("now", now));
        batches.update(INSERT_PROVIDER, provider(authId, "user", "emailpass", email, storedHash, now));
    }

    private static MapSqlParameterSource provider(String authId, String actorType, String provider, String entityId,
                                                  String hash, Object now) {
        return new MapSqlParameterSource().addValue("id", "provid_" + UlidCreator.getMonotonicUlid())
                .addValue("authId", authId).addValue("actorType", actorType).addValue("provider", provider)
                .addValue("entityId", entityId).addValue("hash", hash).addValue("now", now);
    }
}
