package registration.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.audit.AuditEvents.maskedEmail;
import static registration.audit.AuditEvents.types;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

import registration.admin.TestAdmins;
import registration.support.HttpTest;
import registration.support.Mailbox;
import registration.support.StoreApi;
import registration.support.StoreApi.Response;
import registration.support.TestClock;
import tools.jackson.databind.JsonNode;

/**
 * Every security-relevant flow leaves its event in {@code security_event}, in the transaction of the change, with
 * the actor, the client address (X-Forwarded-For believed from the trusted proxy only) and masked identifiers.
 * Read back over {@code GET /admin/audit}. Rate limits are on (a lockout after 3 failures) with buckets too large
 * to matter; 3 wrong codes in a day lock a purpose.
 */
@HttpTest
@TestPropertySource(properties = {"customer-registration.registration.require-verification=false",
        "customer-registration.email-verification.auto-send-on-registration=false",
        "customer-registration.storefront-url=https://shop.example.com/",
        "customer-registration.otp.max-failed-attempts-per-day=3",
        "customer-registration.rate-limit.enabled=true",
        "customer-registration.rate-limit.trusted-proxies=127.0.0.1",
        "customer-registration.rate-limit.login-lockout.max-failures=3",
        "customer-registration.rate-limit.groups.login.capacity=1000",
        "customer-registration.rate-limit.groups.register.capacity=1000",
        "customer-registration.rate-limit.groups.otp-send.capacity=1000",
        "customer-registration.rate-limit.groups.otp-verify.capacity=1000",
        "customer-registration.rate-limit.groups.reset.capacity=1000",
        "customer-registration.rate-limit.groups.deletion-cancel.capacity=1000",
        "customer-registration.rate-limit.groups.contact-change.capacity=1000"})
class AuditTrailHttpTests {

    static final String CLIENT = "203.0.113.7";

    @Autowired
    StoreApi api;
    @Autowired
    Mailbox mailbox;
    @Autowired
    TestClock clock;
    @Autowired
    ApplicationContext context;

    AuditEvents audit;

    @BeforeEach
    void admin() {
        audit = new AuditEvents(api, TestAdmins.loginToken(context, api));
    }

    private Response forwarded(String method, String path, Object body, String bearer) {
        return api.call(method, path, body, bearer, Map.of("X-Forwarded-For", CLIENT));
    }

    /** Signs up by email from {@link #CLIENT}; returns the customer id. */
    private String signUp(String email) {
        String registration = forwarded("POST", "/auth/customer/emailpass/register",
                body("email", email, "password", PASSWORD), null).text("token");
        Response created = forwarded("POST", "/store/customers", body("email", email), registration);
        assertThat(created.status()).isEqualTo(200);
        return created.body().path("customer").path("id").asString();
    }

    @Test
    void recordsSignUpCodesAndLoginsWithTheActorTheClientAddressAndMaskedIdentifiers() {
        String email = StoreApi.newEmail();
        String customerId = signUp(email);

        JsonNode created = audit.newest(customerId, "customer.created");
        assertThat(created.path("actor_type").asString()).isEqualTo("customer");
        assertThat(created.path("actor_id").asString()).isEqualTo(customerId);
        assertThat(created.path("client_address").asString()).isEqualTo(CLIENT);
        assertThat(created.path("identifier").asString()).isEqualTo(maskedEmail(email)).doesNotContain(email);
        assertThat(created.path("details").path("provider").asString()).isEqualTo("emailpass");
        assertThat(Instant.parse(created.path("occurred_at").asString())).isBeforeOrEqualTo(clock.instant());

        String otpToken = api.sendOtp(customerId, "email_verification").text("token");
        JsonNode sent = audit.newest(customerId, "otp.sent");
        assertThat(sent.path("details").path("purpose").asString()).isEqualTo("email_verification");
        assertThat(sent.path("details").path("channel").asString()).isEqualTo("email");
        assertThat(sent.path("client_address").asString()).as("no proxy header: the peer").isEqualTo("127.0.0.1");
        String code = mailbox.code(email, 1);
        assertThat(api.verifyOtp(otpToken, code.equals("000000") ? "111111" : "000000").status()).isEqualTo(400);
        JsonNode failed = audit.newest(customerId, "otp.failed");
        assertThat(failed.path("actor_type").asString()).as("nobody proven").isEqualTo("anonymous");
        assertThat(failed.path("details").path("purpose").asString()).isEqualTo("email_verification");
        assertThat(api.verifyOtp(otpToken, code).status()).isEqualTo(200);
        assertThat(audit.newest(customerId, "otp.verified").path("actor_type").asString()).isEqualTo("customer");

        assertThat(forwarded("POST", "/auth/customer/emailpass", body("email", email, "password", "wrong-password-1"), null)
                .status()).isEqualTo(401);
        JsonNode wrong = audit.newest(customerId, "login.failed");
        assertThat(wrong.path("actor_type").asString()).isEqualTo("anonymous");
        assertThat(wrong.path("actor_id").isNull()).isTrue();
        assertThat(wrong.path("client_address").asString()).isEqualTo(CLIENT);
        assertThat(wrong.path("details").path("reason").asString()).isEqualTo("wrong_password");
        assertThat(wrong.path("details").path("actor_type").asString()).isEqualTo("customer");
        assertThat(api.loginEmail(email, PASSWORD).status()).isEqualTo(200);
        JsonNode login = audit.newest(customerId, "login.succeeded");
        assertThat(login.path("actor_id").asString()).isEqualTo(customerId);
        assertThat(login.path("identifier").asString()).isEqualTo(maskedEmail(email));

        List<JsonNode> all = audit.ofCustomer(customerId);
        assertThat(types(all)).containsSubsequence("login.succeeded", "login.failed", "otp.verified", "otp.failed",
                "otp.sent", "customer.created");
        assertThat(all.toString()).doesNotContain(email).doesNotContain(code);
    }

    @Test
    void recordsFailedLoginsOfUnknownIdentifiersAndEachLockedOutTry() {
        String unknown = StoreApi.newEmail();
        Instant since = clock.instant().minusMillis(1);
        for (int i = 0; i < 3; i++) {
            assertThat(forwarded("POST", "/auth/customer/emailpass", body("email", unknown, "password", "wrong-password-1"),
                    null).status()).isEqualTo(401);
        }
        Response locked = forwarded("POST", "/auth/customer/emailpass", body("email", unknown, "password", "wrong-password-1"), null);
        assertThat(locked.status()).isEqualTo(429);

        String window = "&limit=100&from=" + since + "&actor=anonymous";
        List<JsonNode> failures = audit.list("?type=login.failed" + window).stream()
                .filter(e -> e.path("customer_id").isNull()).toList();
        assertThat(failures).hasSizeGreaterThanOrEqualTo(3).allSatisfy(e -> {
            assertThat(e.path("details").path("reason").asString()).isEqualTo("unknown_identifier");
            assertThat(e.path("identifier").asString()).isEqualTo(maskedEmail(unknown));
            assertThat(e.path("client_address").asString()).isEqualTo(CLIENT);
        });
        List<JsonNode> lockouts = audit.list("?type=login.locked" + window);
        assertThat(lockouts).hasSize(1);
        assertThat(lockouts.get(0).path("identifier").asString()).isEqualTo(maskedEmail(unknown));
        assertThat(lockouts.get(0).path("details").path("retry_after_seconds").asLong()).isPositive();
        assertThat(lockouts.get(0).path("details").path("actor_type").asString()).isEqualTo("customer");
    }

    @Test
    void recordsTheLockOfACodePurposeAndStillTellsTheCustomer() {
        String email = StoreApi.newEmail();
        String customerId = signUp(email);
        String otpToken = api.sendOtp(customerId, "email_verification").text("token");
        String code = mailbox.code(email, 1);
        String wrong = code.equals("000000") ? "111111" : "000000";
        assertThat(api.verifyOtp(otpToken, wrong).status()).isEqualTo(400);
        assertThat(api.verifyOtp(otpToken, wrong).status()).isEqualTo(400);
        assertThat(api.verifyOtp(otpToken, wrong).status()).isEqualTo(400); // the third in a day locks the purpose

        JsonNode lock = audit.newest(customerId, "otp.locked");
        assertThat(lock.path("actor_type").asString()).isEqualTo("system");
        assertThat(lock.path("details").path("purpose").asString()).isEqualTo("email_verification");
        assertThat(Instant.parse(lock.path("details").path("locked_until").asString())).isAfter(clock.instant());
        assertThat(audit.list("?limit=100&type=otp.failed&customer_id=" + customerId)).hasSize(3);
        assertThat(Mailbox.subject(mailbox.awaitMessage(email, 2))).isEqualTo("Too many wrong codes were entered");
    }

    @Test
    void recordsAContactChangeAndAPasswordResetAndTellsTheOldAddress() {
        String email = StoreApi.newEmail();
        String customerId = signUp(email);
        String login = api.loginEmail(email, PASSWORD).text("token");
        String newEmail = StoreApi.newEmail();

        String changeToken = api.requestContactChange(login, body("email", newEmail)).text("token");
        assertThat(api.verifyContactChange(login, changeToken, mailbox.code(newEmail, 1)).status()).isEqualTo(200);
        JsonNode changed = audit.newest(customerId, "customer.contact_changed");
        assertThat(changed.path("actor_type").asString()).isEqualTo("customer");
        assertThat(changed.path("identifier").asString()).as("the new value, masked").isEqualTo(maskedEmail(newEmail));
        assertThat(changed.path("details").path("field").asString()).isEqualTo("email");
        assertThat(changed.path("details").path("had_value").asString()).isEqualTo("true");
        assertThat(Mailbox.subject(mailbox.awaitMessage(email, 1))).as("the notice to the old address").isNotBlank();

        assertThat(api.requestEmailReset(newEmail).status()).isEqualTo(201);
        JsonNode requested = audit.newest(customerId, "password.reset_requested");
        assertThat(requested.path("actor_type").asString()).as("anyone may ask").isEqualTo("anonymous");
        assertThat(requested.path("identifier").asString()).isEqualTo(maskedEmail(newEmail));
        String resetToken = mailbox.linkToken(newEmail, 2);
        assertThat(api.resetEmailPassword(resetToken, "a-brand-new-password").status()).isEqualTo(200);
        JsonNode reset = audit.newest(customerId, "password.changed");
        assertThat(reset.path("actor_type").asString()).isEqualTo("customer");
        assertThat(reset.path("details").path("via").asString()).isEqualTo("reset");
        assertThat(reset.path("details").path("provider").asString()).isEqualTo("emailpass");
        assertThat(audit.ofCustomer(customerId).toString()).doesNotContain(email).doesNotContain(newEmail);
    }

    @Test
    void recordsTheDeletionLifecycleUpToItsCancellation() {
        String email = StoreApi.newEmail();
        String customerId = signUp(email);
        String login = api.loginEmail(email, PASSWORD).text("token");

        String requestToken = api.requestDeletion(login, body("reason", "leaving")).text("token");
        JsonNode requested = audit.newest(customerId, "account_deletion.requested");
        String requestId = requested.path("details").path("request_id").asString();
        assertThat(requestId).isNotBlank();
        JsonNode confirmed = api.confirmDeletion(requestToken, mailbox.code(email, 1)).body().path("request");
        JsonNode scheduled = audit.newest(customerId, "account_deletion.scheduled");
        assertThat(scheduled.path("details").path("request_id").asString()).isEqualTo(requestId).isEqualTo(confirmed.path("id").asString());
        assertThat(scheduled.path("details").path("scheduled_for").asString()).isEqualTo(confirmed.path("scheduled_for").asString());
        assertThat(Mailbox.subject(mailbox.awaitMessage(email, 2))).isEqualTo("Your account is scheduled for deletion");

        String cancelToken = api.requestDeletionCancel(body("email", email)).text("token");
        JsonNode cancelCode = audit.newest(customerId, "otp.sent");
        assertThat(cancelCode.path("details").path("purpose").asString()).isEqualTo("account_deletion_cancel");
        assertThat(cancelCode.path("actor_type").asString()).as("an enumeration-safe route: anyone may ask").isEqualTo("anonymous");
        assertThat(api.confirmDeletionCancel(cancelToken, mailbox.code(email, 3)).status()).isEqualTo(200);
        JsonNode cancelled = audit.newest(customerId, "account_deletion.cancelled");
        assertThat(cancelled.path("details").path("request_id").asString()).isEqualTo(requestId);
        assertThat(types(audit.ofCustomer(customerId))).containsSubsequence("account_deletion.cancelled", "otp.verified",
                "otp.sent", "account_deletion.scheduled", "otp.verified", "account_deletion.requested", "otp.sent");
    }
}
