package registration.auth;

import java.util.concurrent.CompletableFuture;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import registration.identifier.Identifiers;
import registration.ratelimit.LoginAttempts;
import registration.web.ApiException;
import registration.web.ErrorType;

/** {@code POST /auth/customer/{emailpass|phonepass}/register}: creates the auth identity of a new customer. */
@Service
class RegistrationService {

    private final AuthIdentities identities;
    private final Identifiers identifiers;
    private final Passwords passwords;
    private final AuthTokens tokens;
    private final RegistrationSettings settings;
    private final LoginAttempts attempts;
    private final TransactionTemplate transaction;

    RegistrationService(AuthIdentities identities, Identifiers identifiers, Passwords passwords, AuthTokens tokens,
                        RegistrationSettings settings, LoginAttempts attempts, PlatformTransactionManager transactions) {
        this.identities = identities;
        this.identifiers = identifiers;
        this.passwords = passwords;
        this.tokens = tokens;
        this.settings = settings;
        this.attempts = attempts;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Answers a registration token. The unique constraint on (actor type, provider, identifier) decides
     * concurrent sign-ups: exactly one identity is created. Repeating a sign-up with the same password while
     * the identity has no customer yet returns a fresh token (Medusa lets sign-up be retried). The hash waits in
     * the hashing queue with no request thread, connection or transaction held; the insert runs after it, on an
     * after-hash thread ({@link Passwords}).
     *
     * @throws ApiException at once for a refused mode or password, or 503 {@code overloaded}; the future fails with
     *                      one for what is known after the hash
     */
    CompletableFuture<String> register(Provider provider, String rawIdentifier, String password) {
        if (!settings.identifier().allows(provider.identifier())) {
            throw new ApiException(ErrorType.NOT_ALLOWED, "Registration with " + provider.field()
                    + " is not enabled (registration.identifier is " + settings.identifier().name().toLowerCase() + ")");
        }
        String identifier = identifiers.normalise(provider.identifier(), rawIdentifier);
        PasswordPolicy.check(password, rawIdentifier, identifier);
        return passwords.hash(password).thenCompose(hash -> {
            try {
                AuthIdentity identity = transaction.execute(status ->
                        identities.insert(ActorType.CUSTOMER, null, provider, identifier, hash));
                return CompletableFuture.completedFuture(tokens.issue(identity, provider));
            } catch (DuplicateKeyException e) {
                return retry(provider, identifier, password);
            }
        });
    }

    /**
     * A sign-up repeated for an identity that exists. Only one without a customer yet checks the password (an
     * identity with a customer answers "exists" whatever was sent), and that check is a password guess like a
     * login: it counts towards the identifier's login lockout and is refused while the identifier is locked.
     */
    private CompletableFuture<String> retry(Provider provider, String identifier, String password) {
        var existing = identities.findProvider(ActorType.CUSTOMER, provider, identifier)
                .filter(found -> found.identity().actorId() == null);
        if (existing.isEmpty()) {
            throw exists(provider);
        }
        passwords.requireRoom(); // 503 overloaded before the try is counted
        attempts.admit(ActorType.CUSTOMER.id(), identifier); // 429 login_locked, as the login route answers
        return passwords.matches(password, existing.get().passwordHash()).thenApply(matches -> {
            if (!matches) {
                throw exists(provider);
            }
            attempts.succeeded(ActorType.CUSTOMER.id(), identifier);
            return tokens.issue(existing.get().identity(), provider);
        });
    }

    private static ApiException exists(Provider provider) {
        return ApiException.unauthorized("Identity with " + provider.field() + " already exists");
    }
}
