package registration.reset;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import registration.auth.AuthIdentities;
import registration.auth.AuthIdentity;
import registration.auth.PasswordPolicy;
import registration.auth.Provider;
import registration.customer.Customers;
import registration.identifier.Email;
import registration.notification.Channel;
import registration.notification.Notifications;
import registration.notification.SendBudgets;
import registration.web.ApiException;

/** Password reset by email link: {@code POST /auth/customer/emailpass/reset-password} and {@code …/update}. */
@Service
class PasswordResetService {

    static final String PURPOSE = "password_reset";

    private final SecureRandom random = new SecureRandom();
    private final AuthIdentities identities;
    private final Customers customers;
    private final ResetRequests requests;
    private final ResetTokens tokens;
    private final Notifications notifications;
    private final StorefrontSettings storefront;
    private final PasswordChange passwordChange;
    private final SendBudgets budgets;
    private final ApplicationEventPublisher events;

    PasswordResetService(AuthIdentities identities, Customers customers, ResetRequests requests, ResetTokens tokens,
                         Notifications notifications, StorefrontSettings storefront, PasswordChange passwordChange,
                         SendBudgets budgets, ApplicationEventPublisher events) {
        this.budgets = budgets;
        this.events = events;
        this.identities = identities;
        this.customers = customers;
        this.requests = requests;
        this.tokens = tokens;
        this.notifications = notifications;
        this.storefront = storefront;
        this.passwordChange = passwordChange;
    }

    /**
     * Emails a reset link when {@code identifier} logs in by emailpass; does nothing visible otherwise. Both
     * cases take the same steps up to the outbox row (the email itself is sent later by the dispatcher), so
     * that neither the answer nor its timing tells whether the address has an account. A repeat inside the
     * resend throttle, or past the address's send budget, is answered the same and sends nothing: Medusa's
     * storefronts expect 201, and a silent drop tells an attacker as little as a 429 would. Links already sent
     * stay valid until they expire (the owner can always finish); the first one used kills the others.
     */
    @Transactional
    public void requestReset(String identifier) {
        String email = emailOf(identifier);
        Optional<AuthIdentity> identity = identities.findCustomerIdentity(Provider.EMAILPASS, email);
        boolean throttled = requests.open(Provider.EMAILPASS, email, identity.map(AuthIdentity::id).orElse(null))
                .isPresent();
        if (identity.isEmpty() || throttled || !budgets.tryReserveCode(Channel.EMAIL, email)) {
            return;
        }
        String nonce = nonce();
        requests.addSecret(Provider.EMAILPASS, email, nonce);
        String token = tokens.issue(identity.get(), email, nonce);
        Map<String, Object> model = new HashMap<>();
        model.put("reset_url", storefront.resetUrl(token, email));
        model.put("expires_in_minutes", ResetTokens.LIFETIME.toMinutes());
        model.put("customer", PasswordChangedNotice.customerModel(
                identity.get().actorId() == null ? null : customers.findById(identity.get().actorId()).orElse(null),
                email, null));
        notifications.enqueue(Channel.EMAIL, email, PURPOSE, model);
        events.publishEvent(new PasswordResetRequested(identity.get().actorId(), Provider.EMAILPASS, email));
    }

    /**
     * Sets the new password for the identity a live reset token names. The token is refused (401, as
     * Medusa's authenticated update route answers) when it is not a reset token, expired, used (or another
     * link of the same request was), dropped as the oldest of too many, issued before the credentials last changed, or names another email than
     * {@code email}. A token that is already dead is refused before any hash is spent on it; the link is used up
     * only after the hash, in the transaction that writes it ({@link PasswordChange}).
     */
    public CompletableFuture<Void> resetPassword(String token, String email, String password) {
        var reset = tokens.read(token).orElseThrow(PasswordResetService::invalidToken);
        if (email != null && !Email.of(email).value().equals(reset.email())) {
            throw invalidToken();
        }
        identityOf(reset);
        PasswordPolicy.check(password, reset.email());
        return passwordChange.change(Provider.EMAILPASS, reset.email(), password, () -> {
            AuthIdentity identity = identityOf(reset); // again: the credentials or the login may have changed meanwhile
            requests.consume(Provider.EMAILPASS, reset.email(), reset.nonce()).filter(identity.id()::equals)
                    .orElseThrow(PasswordResetService::invalidToken);
            return identity;
        });
    }

    /** The identity of a reset token whose credential version is current and whose email is still its login. */
    private AuthIdentity identityOf(ResetTokens.ResetToken reset) {
        AuthIdentity identity = identities.findById(reset.authIdentityId())
                .filter(found -> found.credentialVersion() == reset.credentialVersion())
                .orElseThrow(PasswordResetService::invalidToken);
        // The email must still be the identity's login (it may have moved by a contact change).
        identities.findEntityId(identity.id(), Provider.EMAILPASS).filter(reset.email()::equals)
                .orElseThrow(PasswordResetService::invalidToken);
        return identity;
    }

    private static String emailOf(String identifier) {
        try {
            return Email.of(identifier).value();
        } catch (ApiException e) {
            throw ApiException.invalid("Invalid request: Field 'identifier' must be a valid email address");
        }
    }

    private String nonce() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static ApiException invalidToken() {
        return ApiException.unauthorized("Invalid or expired reset token");
    }
}
