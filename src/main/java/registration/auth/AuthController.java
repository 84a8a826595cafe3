package registration.auth;

import java.util.concurrent.CompletableFuture;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import registration.web.NoBody;

/**
 * Sign-up, login and token refresh under {@code /auth} ({@code /auth/session}: {@link AuthSessionController}). The
 * routes that hash a password answer a future: Spring MVC frees the request thread while the hash waits in the
 * queue of {@link Passwords} (issue 22), and renders the future's failure as any other error.
 */
@RestController
class AuthController {

    private final RegistrationService registrations;
    private final LoginService logins;
    private final SessionService sessions;

    AuthController(RegistrationService registrations, LoginService logins, SessionService sessions) {
        this.registrations = registrations;
        this.logins = logins;
        this.sessions = sessions;
    }

    /** A JWT: registration, login or refreshed, as the route says. */
    record AuthToken(String token) {
        @Override
        public String toString() {
            return "AuthToken[<hidden>]";
        }
    }

    @PostMapping("/auth/customer/emailpass/register")
    CompletableFuture<AuthToken> registerByEmail(@Valid @RequestBody Credentials.EmailPass body) {
        return registrations.register(Provider.EMAILPASS, body.email(), body.password()).thenApply(AuthToken::new);
    }

    @PostMapping("/auth/customer/phonepass/register")
    CompletableFuture<AuthToken> registerByPhone(@Valid @RequestBody Credentials.PhonePass body) {
        return registrations.register(Provider.PHONEPASS, body.phone(), body.password()).thenApply(AuthToken::new);
    }

    @PostMapping("/auth/customer/emailpass")
    CompletableFuture<AuthToken> loginByEmail(@Valid @RequestBody Credentials.EmailPass body) {
        return logins.login(ActorType.CUSTOMER, Provider.EMAILPASS, body.email(), body.password()).thenApply(AuthToken::new);
    }

    @PostMapping("/auth/customer/phonepass")
    CompletableFuture<AuthToken> loginByPhone(@Valid @RequestBody Credentials.PhonePass body) {
        return logins.login(ActorType.CUSTOMER, Provider.PHONEPASS, body.phone(), body.password()).thenApply(AuthToken::new);
    }

    @PostMapping("/auth/user/emailpass")
    CompletableFuture<AuthToken> adminLogin(@Valid @RequestBody Credentials.EmailPass body) {
        return logins.login(ActorType.USER, Provider.EMAILPASS, body.email(), body.password()).thenApply(AuthToken::new);
    }

    @PostMapping("/auth/token/refresh")
    AuthToken refresh(SessionActor session, @RequestBody(required = false) NoBody none) {
        return new AuthToken(sessions.refresh(session));
    }
}
