package registration.admin;

import java.time.Clock;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.github.f4b6a3.ulid.UlidCreator;

import registration.auth.ActorType;
import registration.auth.AuthIdentities;
import registration.auth.PasswordPolicy;
import registration.auth.Passwords;
import registration.auth.Provider;
import registration.config.DbTime;
import registration.identifier.Email;

/** Admin users ({@code admin_user}) with their emailpass login. */
@Component
class AdminUsers {

    private final JdbcClient jdbc;
    private final AuthIdentities identities;
    private final Passwords passwords;
    private final Clock clock;

    AdminUsers(JdbcClient jdbc, AuthIdentities identities, Passwords passwords, Clock clock) {
        this.jdbc = jdbc;
        this.identities = identities;
        this.passwords = passwords;
        this.clock = clock;
    }

    @Transactional
    String create(String rawEmail, String password) {
        Email email = Email.of(rawEmail);
        PasswordPolicy.check(password, rawEmail, email.value());
        String id = "user_" + UlidCreator.getMonotonicUlid();
        try {
            jdbc.sql("INSERT INTO admin_user (id, email, created_at) VALUES (:id, :email, :now)")
                    .param("id", id).param("email", email.value()).param("now", DbTime.of(clock.instant())).update();
            identities.insert(ActorType.USER, id, Provider.EMAILPASS, email.value(), passwords.hash(password));
        } catch (DuplicateKeyException e) {
            throw new IllegalStateException("An admin user with email " + email.masked() + " already exists");
        }
        return id;
    }
}
