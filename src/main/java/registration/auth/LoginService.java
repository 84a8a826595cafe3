package registration.auth;

import java.util.concurrent.CompletableFuture;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import registration.identifier.Identifiers;
import registration.ratelimit.LoginAttempts;
import registration.web.ApiException;
import registration.web.ErrorType;

/** {@code POST /auth/customer/{emailpass|phonepass}} and {@code POST /auth/user/emailpass}. */
@Service
class LoginService {

    private final AuthIdentities identities;
    private final Identifiers identifiers;
    private final Passwords passwords;
    private final AuthTokens tokens;
    private final VerificationGate verification;
    private final CustomerLogins customerLogins;
    private final LoginAttempts attempts;
    private final ApplicationEventPublisher events;

    LoginService(AuthIdentities identities, Identifiers identifiers, Passwords passwords, AuthTokens tokens,
                 VerificationGate verification, CustomerLogins customerLogins, LoginAttempts attempts,
                 ApplicationEventPublisher events) {
        this.events = events;
        this.identities = identities;
        this.identifiers = identifiers;
        this.passwords = passwords;
        this.tokens = tokens;
        this.verification = verification;
        this.customerLogins = customerLogins;
        this.attempts = attempts;
    }

    /**
     * Answers a login token, or a registration token for an identity whose customer was never created (so
     * the storefront can finish sign-up). Unknown identifiers verify a dummy hash so that they take as long
     * as known ones; the verification gate is checked only after the password is right. Every try counts
     * towards the identifier's lockout until the password proves right, for unknown identifiers too. Each outcome
     * is published ({@link LoginSucceeded}, {@link LoginFailed}, {@link LoginLocked}) for the audit trail; no
     * transaction is open here, so each is recorded on its own.
     * <p>
     * The lookups run on the request thread, then the password check waits in the hashing queue without holding
     * it or a database connection; the steps after the check run on an after-hash thread ({@link Passwords}).
     *
     * @throws ApiException at once for what is known before the hash (wrong mode, 429 {@code login_locked}, 503
     *                      {@code overloaded}); the future fails with one for what is known after it
     */
    CompletableFuture<String> login(ActorType actorType, Provider provider, String rawIdentifier, String password) {
        if (actorType == ActorType.CUSTOMER && !customerLogins.accepts(provider)) {
            throw new ApiException(ErrorType.NOT_ALLOWED, "Login with " + provider.field()
                    + " is not enabled (login.identifier is " + customerLogins.mode().name().toLowerCase() + ")");
        }
        String identifier = identifiers.normalise(provider.identifier(), rawIdentifier);
        var found = identities.findProvider(actorType, provider, identifier);
        passwords.requireRoom(); // 503 overloaded before the try is counted
        try { // 429 login_locked after too many failures; the lock names the account when there is one
            attempts.admit(actorType.id(), identifier, found.map(login -> login.identity().actorId()).orElse(null));
        } catch (ApiException locked) {
            long seconds = locked.retryAfter() == null ? 0 : locked.retryAfter().toSeconds();
            events.publishEvent(new LoginLocked(actorType, provider, identifier, seconds));
            throw locked;
        }
        if (found.isEmpty()) {
            return passwords.burnVerification(password).thenApply(ignored -> {
                events.publishEvent(new LoginFailed(actorType, null, provider, identifier, "unknown_identifier"));
                throw invalidCredentials(provider);
            });
        }
        ProviderIdentity login = found.get();
        return passwords.matches(password, login.passwordHash())
                .thenCompose(matches -> afterPasswordCheck(actorType, provider, identifier, login, password, matches));
    }

    private CompletableFuture<String> afterPasswordCheck(ActorType actorType, Provider provider, String identifier,
                                                         ProviderIdentity login, String password, boolean matches) {
        String customerId = actorType == ActorType.CUSTOMER ? login.identity().actorId() : null;
        if (!matches) {
            events.publishEvent(new LoginFailed(actorType, customerId, provider, identifier, "wrong_password"));
            throw invalidCredentials(provider);
        }
        if (login.identity().suspension() == Suspension.BLOCKED) {
            // Answered as a wrong password, and counted as one: clearing the count would tell a guesser that
            // this password was right (SPEC 11 "Errors").
            events.publishEvent(new LoginFailed(actorType, customerId, provider, identifier, "blocked"));
            throw invalidCredentials(provider);
        }
        attempts.succeeded(actorType.id(), identifier);
        identities.recordLogin(login.identity().id());
        return rehashIfOld(login, password).thenApply(done -> {
            if (login.identity().suspension() != null) {
                events.publishEvent(new LoginFailed(actorType, customerId, provider, identifier, "suspended"));
                throw login.identity().suspension().error(); // e.g. account deletion scheduled; only after the password
            }
            try {
                verification.check(login.identity(), provider);
            } catch (ApiException unverified) {
                events.publishEvent(new LoginFailed(actorType, customerId, provider, identifier, "unverified"));
                throw unverified;
            }
            String token = tokens.issue(login.identity(), provider);
            events.publishEvent(new LoginSucceeded(actorType, login.identity().actorId(), login.identity().id(), provider,
                    identifier));
            return token;
        });
    }

    /**
     * Old Argon2 parameters, or a hash imported from Medusa: replaced by today's, conditionally on the old hash (a
     * concurrent change wins). While the hashing queue is full the rehash waits for a later login: the password was
     * right, and refusing the login for a chore would turn a burst into failed logins.
     */
    private CompletableFuture<Void> rehashIfOld(ProviderIdentity login, String password) {
        if (!passwords.needsRehash(login.passwordHash())) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<String> newHash;
        try {
            newHash = passwords.hash(password);
        } catch (ApiException overloaded) {
            return CompletableFuture.completedFuture(null);
        }
        return newHash.thenAccept(hash -> identities.replacePasswordHash(login.identity().id(), login.passwordHash(), hash));
    }

    private static ApiException invalidCredentials(Provider provider) {
        return ApiException.unauthorized("Invalid " + provider.field() + " or password");
    }
}
