package registration.auth;

import java.util.ArrayList;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import registration.identifier.IdentifierMode;

/**
 * {@code GET /auth/customer/providers} and {@code GET /auth/user/providers} (the SDK's {@code listProviders}), in
 * Medusa's shape: the login providers enabled now. Customers: {@code emailpass} and/or {@code phonepass} as
 * {@code login.identifier} allows; admin users: {@code emailpass}. Public, before authentication.
 */
@RestController
class AuthProvidersController {

    private final LoginSettings login;
    private final RegistrationSettings registration;

    AuthProvidersController(LoginSettings login, RegistrationSettings registration) {
        this.login = login;
        this.registration = registration;
    }

    /** Medusa's {@code AuthProvider}: every provider here takes credentials (no redirect flow). */
    record AuthProvider(String id, String identifier, String displayName, String flow) {

        static AuthProvider of(Provider provider) {
            return new AuthProvider(provider.id(), provider.id(),
                    provider == Provider.EMAILPASS ? "Email and password" : "Phone and password", "credentials");
        }
    }

    record Providers(List<AuthProvider> providers) {
    }

    @GetMapping("/auth/customer/providers")
    Providers customer() {
        IdentifierMode mode = login.effective(registration);
        List<AuthProvider> providers = new ArrayList<>();
        if (mode.allowsEmail()) {
            providers.add(AuthProvider.of(Provider.EMAILPASS));
        }
        if (mode.allowsPhone()) {
            providers.add(AuthProvider.of(Provider.PHONEPASS));
        }
        return new Providers(providers);
    }

    @GetMapping("/auth/user/providers")
    Providers user() {
        return new Providers(List.of(AuthProvider.of(Provider.EMAILPASS)));
    }
}
