package registration.auth;

import java.util.Map;

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

    @PostMapping("/auth/customer/emailpass/register")
    Map<String, String> registerByEmail(@Valid @RequestBody Credentials.EmailPass body) {
        return Map.of("token", registrations.register(Provider.EMAILPASS, body.email(), body.password()));
    }

    @PostMapping("/auth/customer/phonepass/register")
    Map<String, String> registerByPhone(@Valid @RequestBody Credentials.PhonePass body) {
        return Map.of("token", registrations.register(Provider.PHONEPASS, body.phone(), body.password()));
    }

    @PostMapping("/auth/customer/emailpass")
    Map<String, String> loginByEmail(@Valid @RequestBody Credentials.EmailPass body) {
        return Map.of("token", logins.login(ActorType.CUSTOMER, Provider.EMAILPASS, body.email(), body.password()));
    }

    @PostMapping("/auth/customer/phonepass")
    Map<String, String> loginByPhone(@Valid @RequestBody Credentials.PhonePass body) {
        return Map.of("token", logins.login(ActorType.CUSTOMER, Provider.PHONEPASS, body.phone(), body.password()));
    }

    @PostMapping("/auth/user/emailpass")
    Map<String, String> adminLogin(@Valid @RequestBody Credentials.EmailPass body) {
        return Map.of("token", logins.login(ActorType.USER, Provider.EMAILPASS, body.email(), body.password()));
    }

    @PostMapping("/auth/token/refresh")
    Map<String, String> refresh(SessionActor session, @RequestBody(required = false) NoBody none) {
        return Map.of("token", sessions.refresh(session));
    }
}
