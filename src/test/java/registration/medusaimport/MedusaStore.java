package registration.medusaimport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.github.f4b6a3.ulid.UlidCreator;

import registration.support.TestServices;

/**
 * A Medusa store's database for the import tests: a PostgreSQL database of its own (whichever database the
 * service under test runs on), with Medusa's tables and the seed plugin's columns, filled by the test.
 */
final class MedusaStore implements AutoCloseable {

    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private final String name = "medusa_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final Connection connection;

    MedusaStore() {
        this(true);
    }

    /** {@code withSeedPlugin}: whether the customer table has the seed plugin's verification columns. */
    MedusaStore(boolean withSeedPlugin) {
        try (Connection admin = DriverManager.getConnection(ADMIN_URL, "postgres", "")) {
            admin.createStatement().execute("CREATE DATABASE " + name);
            connection = DriverManager.getConnection(url(), "postgres", "");
            connection.createStatement().execute(resource("medusa-schema.sql"));
            if (withSeedPlugin) {
                connection.createStatement().execute(resource("medusa-seed-plugin.sql"));
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not create the Medusa test database", e);
        }
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:5432/" + name;
    }

    static String newCustomerId() {
        return "cus_" + UlidCreator.getMonotonicUlid();
    }

    /** A registered customer with an emailpass login whose password hash is {@code medusaHash}; returns its id. */
    String customerWithPassword(String email, String medusaHash) {
        String id = newCustomerId();
        customer(id, email, null, true, null);
        login(id, "emailpass", email, medusaHash);
        return id;
    }

    /** A customer row (names fixed: Ada Lovelace, Analytical Engines Ltd). */
    void customer(String id, String email, String phone, boolean hasAccount, OffsetDateTime deletedAt) {
        execute("""
                INSERT INTO customer (id, company_name, first_name, last_name, email, phone, has_account, metadata, created_at, deleted_at)
                VALUES (?, 'Analytical Engines Ltd', 'Ada', 'Lovelace', ?, ?, ?, '{"tier":"gold","points":12}'::jsonb,
                        '2024-05-01T10:15:30.123Z', ?)""", id, email, phone, hasAccount, deletedAt);
    }

    /** An auth identity for customer {@code customerId} with one provider identity holding {@code medusaHash}. */
    void login(String customerId, String provider, String entityId, String medusaHash) {
        identity("{\"customer_id\":\"" + customerId + "\"}", provider, entityId, medusaHash);
    }

    /** An admin user's emailpass login. */
    void adminLogin(String userId, String email, String medusaHash) {
        identity("{\"user_id\":\"" + userId + "\"}", "emailpass", email, medusaHash);
    }

    void execute(String sql, Object... params) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void identity(String appMetadata, String provider, String entityId, String medusaHash) {
        String authId = "authid_" + UlidCreator.getMonotonicUlid();
        execute("INSERT INTO auth_identity (id, app_metadata) VALUES (?, ?::jsonb)", authId, appMetadata);
        execute("""
                INSERT INTO provider_identity (id, entity_id, provider, auth_identity_id, provider_metadata)
                VALUES (?, ?, ?, ?, jsonb_build_object('password', ?::text))""",
                UUID.randomUUID().toString(), entityId, provider, authId, medusaHash);
    }

    private static String resource(String file) throws IOException {
        try (InputStream in = MedusaStore.class.getResourceAsStream("/medusaimport/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        try (Connection admin = DriverManager.getConnection(ADMIN_URL, "postgres", "")) {
            connection.close();
            admin.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException ignored) {
            // best effort: a leftover test database is harmless
        }
    }

    /** The Medusa store is a PostgreSQL database: without PostgreSQL these tests skip, on H2 runs too. */
    static class Available implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (TestServices.postgresAnswers()) {
                return ConditionEvaluationResult.enabled("PostgreSQL answers");
            }
            if (TestServices.servicesRequired()) {
                throw new IllegalStateException("PostgreSQL on 127.0.0.1:5432 is required (CI_REQUIRE_SERVICES) but does not answer");
            }
            return TestServices.skipped(context, "the Medusa store to import from is a PostgreSQL database, and PostgreSQL does not answer on 127.0.0.1:5432");
        }
    }
}
