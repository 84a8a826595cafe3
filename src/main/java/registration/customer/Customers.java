package registration.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import registration.changes.CachedRows;
import registration.changes.RowCache;
import registration.changes.RowCaches;
import registration.config.DbTime;
import registration.identifier.IdentifierKind;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code customer} table. Metadata is stored as JSON text (portable between H2 and PostgreSQL). Every method
 * that writes an existing customer records the change ({@link RowCaches#changed}): {@code /me} answers from
 * memory ({@link #findForMe}), on every instance.
 */
@Repository
public class Customers {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final RowCaches changes;
    private final Addresses addresses;
    private final RowCache<CustomerView> forMe;

    Customers(JdbcClient jdbc, JsonMapper json, Clock clock, RowCaches changes, Addresses addresses) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.changes = changes;
        this.addresses = addresses;
        // With its addresses: every address write records a change of the customer (Addresses), evicting this too.
        this.forMe = changes.create(CachedRows.CUSTOMER,
                id -> findById(id).map(customer -> CustomerView.of(customer, addresses.listOf(id))));
    }

    /** Inserts a customer; a taken email or phone fails on the unique constraint. */
    Customer insert(String id, NewCustomer c) {
        var now = clock.instant();
        jdbc.sql("""
                INSERT INTO customer (id, email, phone, first_name, last_name, company_name, metadata, has_account,
                                      email_verified, phone_verified, created_at, updated_at)
                VALUES (:id, :email, :phone, :firstName, :lastName, :companyName, :metadata, TRUE, FALSE, FALSE, :now, :now)""")
                .param("id", id).param("email", c.email()).param("phone", c.phone())
                .param("firstName", c.firstName()).param("lastName", c.lastName()).param("companyName", c.companyName())
                .param("metadata", metadataJson(c.metadata())).param("now", DbTime.of(now))
                .update();
        return findById(id).orElseThrow();
    }

    public Optional<Customer> findById(String id) {
        return jdbc.sql("SELECT * FROM customer WHERE id = :id AND deleted_at IS NULL")
                .param("id", id).query(this::row).optional();
    }

    /**
     * The customer as {@code GET /store/customers/me} returns it, from memory when this instance has it (see
     * {@link RowCaches}); empty when there is none or it was erased.
     */
    Optional<CustomerView> findForMe(String id) {
        return forMe.find(id);
    }

    public Optional<Customer> findByEmail(String email) {
        return jdbc.sql("SELECT * FROM customer WHERE email = :email AND deleted_at IS NULL")
                .param("email", email).query(this::row).optional();
    }

    public Optional<Customer> findByPhone(String phone) {
        return jdbc.sql("SELECT * FROM customer WHERE phone = :phone AND deleted_at IS NULL")
                .param("phone", phone).query(this::row).optional();
    }

    /** {@link #findByEmail} or {@link #findByPhone}, by the kind of {@code value} (normalised). */
    public Optional<Customer> findBy(IdentifierKind kind, String value) {
        return switch (kind) {
            case EMAIL -> findByEmail(value);
            case PHONE -> findByPhone(value);
        };
    }

    /**
     * Erases the customer's personal data for good (account deletion): contact details, names and metadata
     * become NULL and the row is soft-deleted, keeping only its id so that references by id still resolve.
     * The freed email and phone can register again (the unique constraints ignore NULLs). The addresses go too.
     */
    public boolean erase(String id) {
        addresses.eraseOf(id);
        return changed(id, jdbc.sql("""
                UPDATE customer SET email = NULL, phone = NULL, first_name = NULL, last_name = NULL,
                                    company_name = NULL, metadata = NULL, has_account = FALSE,
                                    email_verified = FALSE, phone_verified = FALSE,
                                    deleted_at = :now, updated_at = :now
                WHERE id = :id AND deleted_at IS NULL""")
                .param("now", DbTime.of(clock.instant())).param("id", id)
                .update() == 1);
    }

    /** Sets the fields {@code change} names (null fields stay as they are; an empty one is cleared). */
    void updateProfile(String id, ProfileChange change) {
        Map<String, Object> columns = new LinkedHashMap<>();
        if (change.firstName() != null) {
            columns.put("first_name", change.firstName().orElse(null));
        }
        if (change.lastName() != null) {
            columns.put("last_name", change.lastName().orElse(null));
        }
        if (change.companyName() != null) {
            columns.put("company_name", change.companyName().orElse(null));
        }
        if (change.metadata() != null) {
            columns.put("metadata", metadataJson(change.metadata().orElse(null)));
        }
        StringBuilder sql = new StringBuilder("UPDATE customer SET updated_at = :now");
        columns.keySet().forEach(column -> sql.append(", ").append(column).append(" = :").append(column));
        changed(id, jdbc.sql(sql.append(" WHERE id = :id AND deleted_at IS NULL").toString())
                .params(columns).param("now", DbTime.of(clock.instant())).param("id", id)
                .update() == 1);
    }

    /** Marks the email ({@code email_verified}) or phone ({@code phone_verified}) verified. */
    public void markVerified(String id, IdentifierKind kind) {
        changed(id, jdbc.sql("UPDATE customer SET " + verifiedColumn(kind) + " = TRUE, updated_at = :now WHERE id = :id")
                .param("now", DbTime.of(clock.instant())).param("id", id).update() == 1);
    }

    /**
     * Sets {@code email_verified} (or {@code phone_verified}) if it is not yet set. Returns false when it already
     * was or the customer is gone: of two verifications at once exactly one sees true.
     */
    public boolean markNewlyVerified(String id, IdentifierKind kind) {
        String flag = verifiedColumn(kind);
        return changed(id, jdbc.sql("UPDATE customer SET " + flag + " = TRUE, updated_at = :now WHERE id = :id AND deleted_at IS NULL AND "
                        + flag + " = FALSE")
                .param("now", DbTime.of(clock.instant())).param("id", id).update() == 1);
    }

    /**
     * Replaces the customer's email with a verified one ({@code email_verified = TRUE}) after a contact change;
     * false when the customer is gone. An email another customer holds fails on the unique constraint.
     */
    public boolean changeVerifiedEmail(String id, String email) {
        return changed(id, jdbc.sql("UPDATE customer SET email = :value, email_verified = TRUE, updated_at = :now WHERE id = :id AND deleted_at IS NULL")
                .param("value", email).param("now", DbTime.of(clock.instant())).param("id", id).update() == 1);
    }

    /** {@link #changeVerifiedEmail} for the phone (E.164) and {@code phone_verified}. */
    public boolean changeVerifiedPhone(String id, String phone) {
        return changed(id, jdbc.sql("UPDATE customer SET phone = :value, phone_verified = TRUE, updated_at = :now WHERE id = :id AND deleted_at IS NULL")
                .param("value", phone).param("now", DbTime.of(clock.instant())).param("id", id).update() == 1);
    }

    /** {@code email_verified} or {@code phone_verified}: a column name, never anything a request sent. */
    private static String verifiedColumn(IdentifierKind kind) {
        return kind.field() + "_verified";
    }

    /** Records the change when {@code written} (the statement touched the customer's row); returns it. */
    private boolean changed(String id, boolean written) {
        if (written) {
            changes.changed(CachedRows.CUSTOMER, id);
        }
        return written;
    }

    String metadataJson(Map<String, Object> metadata) {
        return metadata == null ? null : json.writeValueAsString(metadata);
    }

    private Customer row(ResultSet rs, int n) throws SQLException {
        String metadata = rs.getString("metadata");
        return new Customer(rs.getString("id"), rs.getString("email"), rs.getString("phone"),
                rs.getString("first_name"), rs.getString("last_name"), rs.getString("company_name"),
                metadata == null ? null : json.readValue(metadata, OBJECT), rs.getBoolean("has_account"),
                rs.getBoolean("email_verified"), rs.getBoolean("phone_verified"), DbTime.read(rs, "created_at"),
                DbTime.read(rs, "updated_at"), DbTime.read(rs, "deleted_at"));
    }

    record NewCustomer(String email, String phone, String firstName, String lastName, String companyName,
                       Map<String, Object> metadata) {
    }

    /** Each field: null = unchanged, empty = cleared, a value = set. */
    record ProfileChange(Optional<String> firstName, Optional<String> lastName, Optional<String> companyName,
                         Optional<Map<String, Object>> metadata) {
    }
}
