package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The operator API (issue 20). A Java migration, not SQL, because the portable statements are not enough for the
 * customer search: PostgreSQL needs {@code GENERATED ... STORED} and {@code text_pattern_ops} indexes (so that
 * {@code LIKE 'prefix%'} uses an index under any collation), and H2 accepts neither. Everything else is the same
 * on both databases.
 */
public class V17__operator_api extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        String stored = postgres ? " STORED" : "";
        String prefixOps = postgres ? " text_pattern_ops" : "";
        try (Statement sql = connection.createStatement()) {
            // Blocked customer / disabled admin user: may not sign in (same 401 as a wrong password), and its
            // tokens are refused (the credential version is bumped too). NULL = may sign in.
            sql.execute("ALTER TABLE auth_identity ADD COLUMN blocked_at TIMESTAMP WITH TIME ZONE");
            sql.execute("ALTER TABLE auth_identity ADD COLUMN last_login_at TIMESTAMP WITH TIME ZONE");
            sql.execute("CREATE INDEX ix_auth_identity_blocked ON auth_identity (blocked_at)");

            // Search columns maintained by the database on every write: lower-cased names for prefix search.
            sql.execute("ALTER TABLE customer ADD COLUMN name_search VARCHAR(520) GENERATED ALWAYS AS "
                    + "(LOWER(TRIM(COALESCE(first_name, '') || ' ' || COALESCE(last_name, ''))))" + stored);
            sql.execute("ALTER TABLE customer ADD COLUMN last_name_search VARCHAR(255) GENERATED ALWAYS AS "
                    + "(LOWER(last_name))" + stored);
            sql.execute("CREATE INDEX ix_customer_email_prefix ON customer (email" + prefixOps + ")");
            sql.execute("CREATE INDEX ix_customer_phone_prefix ON customer (phone" + prefixOps + ")");
            sql.execute("CREATE INDEX ix_customer_id_prefix ON customer (id" + prefixOps + ")");
            sql.execute("CREATE INDEX ix_customer_name_search ON customer (name_search" + prefixOps + ")");
            sql.execute("CREATE INDEX ix_customer_last_name_search ON customer (last_name_search" + prefixOps + ")");
            sql.execute("CREATE INDEX ix_customer_created ON customer (created_at, id)");

            // Login lockouts are data (SPEC 11): the lock of an identifier (keyed by the hash the counters use, never
            // the identifier) and, when known, of its account, so that every instance and the operator API see and
            // clear the same lock. cleared_at: when an operator (or the owner) lifted it; a counter in Redis or
            // memory that still holds a lock begun before then is stale.
            sql.execute("""
                    CREATE TABLE login_lock (
                        lock_key     VARCHAR(64) PRIMARY KEY,
                        actor_type   VARCHAR(16) NOT NULL,
                        actor_id     VARCHAR(40),
                        locked_at    TIMESTAMP WITH TIME ZONE NOT NULL,
                        locked_until TIMESTAMP WITH TIME ZONE NOT NULL,
                        cleared_at   TIMESTAMP WITH TIME ZONE
                    )""");
            sql.execute("CREATE INDEX ix_login_lock_actor ON login_lock (actor_id)");
            sql.execute("CREATE INDEX ix_login_lock_locked_until ON login_lock (locked_until)");
        }
    }
}
