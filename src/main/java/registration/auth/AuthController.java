package registration.auth;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import registration.web.NoBody;

/** Sign-up, login and token refresh under {@code /auth} ({@code /auth/session}: {@link AuthSessionController}). */
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
    AuthToken registerByEmail(@Valid @RequestBody Credentials.EmailPass body) {
        return new AuthToken(registrations.register(Provider.EMAILPASS, body.email(), body.password()));
    }

    @PostMapping("/auth/customer/phonepass/register")
    AuthToken registerByPhone(@Valid @RequestBody Credentials.PhonePass body) {
        return new AuthToken(registrations.register(Provider.PHONEPASS, body.phone(), body.password()));
    }

    @PostMapping("/auth/customer/emailpass")
    AuthToken loginByEmail(@Valid @RequestBody Credentials.EmailPass body) {
        return new AuthToken(logins.login(ActorType.CUSTOMER, Provider.EMAILPASS, body.email(), body.password()));
    }

    @PostMapping("/auth/customer/phonepass")
    AuthToken loginByPhone(@Valid @RequestBody Credentials.PhonePass body) {
        return new AuthToken(logins.login(ActorType.CUSTOMER, Provider.PHONEPASS, body.phone(), body.password()));
    }

    @PostMapping("/auth/user/emailpass")
    AuthToken adminLogin(@Valid @RequestBody Credentials.EmailPass body) {
        return new AuthToken(logins.login(ActorType.USER, Provider.EMAILPASS, body.email(), body.password()));
    }

    @PostMapping("/auth/token/refresh")
    AuthToken refresh(SessionActor session, @RequestBody(required = false) NoBody none) {
        return new AuthToken(sessions.refresh(session));
    }
}
