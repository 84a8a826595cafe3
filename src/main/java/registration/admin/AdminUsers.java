package registration.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.f4b6a3.ulid.UlidCreator;

import registration.auth.ActorType;
import registration.auth.AdminActor;
import registration.auth.AuthIdentities;
import registration.auth.AuthIdentity;
import registration.auth.AuthTokens;
import registration.auth.PasswordPolicy;
import registration.auth.Passwords;
import registration.auth.Provider;
import registration.config.DbTime;
import registration.identifier.Email;
import registration.ratelimit.LoginAttempts;
import registration.web.ApiException;
import registration.web.ErrorType;

/**
 * Admin users ({@code admin_user}) with their emailpass login: create, list, disable / enable (a disabled admin's
 * identity is blocked: same 401 as a wrong password, every token dead), change one's own password, and the
 * CLI's password reset. Passwords are hashed with no transaction open (SPEC 11 "Hashing and connections").
 */
@Component
class AdminUsers {

    /** One admin user as the API shows it. */
    record AdminUser(String id, String email, boolean disabled, Instant disabledAt, Instant lastLoginAt, Instant createdAt) {
    }

    private static final String SELECT = """
            SELECT u.id, u.email, u.created_at, a.blocked_at, a.last_login_at
            FROM admin_user u LEFT JOIN auth_identity a ON a.actor_type = 'user' AND a.actor_id = u.id
            """;

    private final JdbcClient jdbc;
    private final AuthIdentities identities;
    private final Passwords passwords;
    private final AuthTokens tokens;
    private final LoginAttempts attempts;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;

    AdminUsers(JdbcClient jdbc, AuthIdentities identities, Passwords passwords, AuthTokens tokens, LoginAttempts attempts,
               ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.identities = identities;
        this.passwords = passwords;
        this.tokens = tokens;
        this.attempts = attempts;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** For {@code create-admin}: hashes on the calling thread; fails with an {@link IllegalStateException} on a taken email. */
    String create(String rawEmail, String password) {
        Email email = Email.of(rawEmail);
        PasswordPolicy.check(password, rawEmail, email.value());
        try {
            return insert(null, email, passwords.hashNow(password)).id();
        } catch (ApiException e) {
            if (e.errorType() == ErrorType.DUPLICATE) {
                throw new IllegalStateException(e.getMessage());
            }
            throw e;
        }
    }

    /**
     * {@code POST /admin/users}; a taken email → 422 {@code duplicate_error}. The hash waits in the hashing queue
     * (503 {@code overloaded} when it is full); the insert runs after it, with no transaction open meanwhile.
     */
    CompletableFuture<AdminUser> create(AdminActor by, String rawEmail, String password) {
        Email email = Email.of(rawEmail);
        PasswordPolicy.check(password, rawEmail, email.value());
        return passwords.hash(password).thenApply(hash -> insert(by, email, hash));
    }

    /** {@code by} null: the CLI. */
    private AdminUser insert(AdminActor by, Email email, String hash) {
        String id = "user_" + UlidCreator.getMonotonicUlid();
        try {
            transaction.executeWithoutResult(status -> {
                jdbc.sql("INSERT INTO admin_user (id, email, created_at) VALUES (:id, :email, :now)")
                        .param("id", id).param("email", email.value()).param("now", DbTime.of(clock.instant())).update();
                identities.insert(ActorType.USER, id, Provider.EMAILPASS, email.value(), hash);
                events.publishEvent(new OperatorEvents.AdminUserCreated(by == null ? null : by.userId(),
                        Map.of("user_id", id, "email", email.masked())));
            });
        } catch (DuplicateKeyException e) {
            throw new ApiException(ErrorType.DUPLICATE, "An admin user with email " + email.masked() + " already exists");
        }
        return find(id).orElseThrow();
    }

    /** Oldest first. */
    List<AdminUser> list(int limit, int offset) {
        return jdbc.sql(SELECT + " ORDER BY u.created_at, u.id LIMIT :limit OFFSET :offset")
                .param("limit", limit).param("offset", offset).query(AdminUsers::row).list();
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM admin_user").query(Long.class).single();
    }

    Optional<AdminUser> find(String id) {
        return jdbc.sql(SELECT + " WHERE u.id = :id").param("id", id).query(AdminUsers::row).optional();
    }

    /**
     * Disables an admin user: it can no longer sign in and its tokens die at once. The last enabled admin cannot
     * be disabled (409 {@code last_admin}): every admin row is locked first, in id order, so two admins disabling
     * each other at once are decided one after the other, and the second sees the first's change.
     */
    AdminUser disable(AdminActor by, String id) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("SELECT id FROM admin_user ORDER BY id FOR UPDATE").query(String.class).list();
            AuthIdentity identity = identities.findByActor(ActorType.USER, id).orElseThrow(() -> notFound(id));
            long enabled = jdbc.sql("""
                    SELECT COUNT(*) FROM admin_user u JOIN auth_identity a ON a.actor_type = 'user' AND a.actor_id = u.id
                    WHERE a.blocked_at IS NULL""").query(Long.class).single();
            boolean isEnabled = find(id).map(user -> !user.disabled()).orElse(false);
            if (isEnabled && enabled <= 1) {
                throw new ApiException(ErrorType.CONFLICT, "The last enabled admin user cannot be disabled", "last_admin");
            }
            if (identities.block(identity.id())) {
                events.publishEvent(new OperatorEvents.AdminUserDisabled(by.userId(), Map.of("user_id", id)));
            }
        });
        return find(id).orElseThrow();
    }

    /** Enables a disabled admin user again; its old tokens stay dead. */
    AdminUser enable(AdminActor by, String id) {
        transaction.executeWithoutResult(status -> {
            AuthIdentity identity = identities.findByActor(ActorType.USER, id).orElseThrow(() -> notFound(id));
            if (identities.unblock(identity.id())) {
                events.publishEvent(new OperatorEvents.AdminUserEnabled(by.userId(), Map.of("user_id", id)));
            }
        });
        return find(id).orElseThrow();
    }

    /**
     * {@code POST /admin/users/me/password}: the current password is checked as a login would (it counts towards
     * the login lockout of the admin's email, 429 {@code login_locked}); then the new one replaces it, every token
     * issued so far dies, and a fresh token is answered. A wrong current password → 400 {@code invalid_data}. Both
     * hashes wait in the hashing queue with no transaction open; the write is conditional on the old hash.
     */
    CompletableFuture<String> changeOwnPassword(AdminActor admin, String currentPassword, String newPassword) {
        String email = identities.findEntityId(admin.authIdentityId(), Provider.EMAILPASS).orElseThrow(() -> notFound(admin.userId()));
        passwords.requireRoom(); // 503 overloaded before the try is counted
        attempts.admit(ActorType.USER.id(), email, admin.userId());
        String oldHash = identities.findPasswordHash(admin.authIdentityId()).orElseThrow(() -> notFound(admin.userId()));
        return passwords.matches(currentPassword, oldHash).thenCompose(matches -> {
            if (!matches) {
                throw new ApiException(ErrorType.INVALID_DATA, "The current password is not correct", "invalid_current_password");
            }
            attempts.succeeded(ActorType.USER.id(), email);
            PasswordPolicy.check(newPassword, email, email);
            return passwords.hash(newPassword);
        }).thenApply(newHash -> {
            AuthIdentity identity = transaction.execute(status -> {
                if (!identities.replacePasswordHash(admin.authIdentityId(), oldHash, newHash)) {
                    throw new ApiException(ErrorType.CONFLICT, "The password was changed meanwhile; try again", "password_changed");
                }
                identities.bumpCredentialVersion(admin.authIdentityId());
                events.publishEvent(new OperatorEvents.AdminPasswordChanged(admin.userId(), Map.of("user_id", admin.userId())));
                return identities.findById(admin.authIdentityId()).orElseThrow();
            });
            return tokens.issue(identity, Provider.EMAILPASS);
        });
    }

    /**
     * {@code create-admin --reset-password}: sets a lost admin password, kills every token of that admin and lifts
     * its login lockout. A disabled admin stays disabled. Fails with an {@link IllegalStateException} when there is
     * no admin with that email.
     */
    String resetPassword(String rawEmail, String password) {
        Email email = Email.of(rawEmail);
        PasswordPolicy.check(password, rawEmail, email.value());
        String id = jdbc.sql("SELECT id FROM admin_user WHERE email = :email").param("email", email.value())
                .query(String.class).optional()
                .orElseThrow(() -> new IllegalStateException("There is no admin user with email " + email.masked()));
        String hash = passwords.hashNow(password); // the CLI: no request thread waits
        transaction.executeWithoutResult(status -> {
            AuthIdentity identity = identities.findByActor(ActorType.USER, id)
                    .orElseThrow(() -> new IllegalStateException("Admin user " + id + " has no login"));
            identities.updatePasswordHash(identity.id(), hash);
            identities.bumpCredentialVersion(identity.id());
            events.publishEvent(new OperatorEvents.AdminPasswordChanged(null, Map.of("user_id", id, "by", "create-admin")));
        });
        attempts.succeeded(ActorType.USER.id(), email.value());
        return id;
    }

    private static ApiException notFound(String id) {
        return new ApiException(ErrorType.NOT_FOUND, "User with id: " + id + " was not found");
    }

    private static AdminUser row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Instant blockedAt = DbTime.read(rs, "blocked_at");
        return new AdminUser(rs.getString("id"), rs.getString("email"), blockedAt != null, blockedAt,
                DbTime.read(rs, "last_login_at"), DbTime.read(rs, "created_at"));
    }
}
