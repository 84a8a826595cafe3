package registration.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import registration.support.Mailbox;
import registration.support.NoVerificationHttpTest;
import registration.support.OutboxWatch;
import registration.support.SmsInbox;
import registration.support.StoreApi.Response;
import registration.support.StoreApi;
import registration.support.TestClock;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /store/customers/me/contact} and {@code …/verify} in the default {@code email} mode: the
 * customer logs in by email (emailpass), may add or change a phone that is not a login.
 */
@NoVerificationHttpTest
class ContactChangeHttpTests {

    @Autowired
    OutboxWatch outbox;

    @Autowired
    StoreApi api;
    @Autowired
    Mailbox mailbox;
    @Autowired
    SmsInbox sms;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;

    @Test
    void changesTheEmailWithACodeSentToTheNewAddressAndMovesTheLogin() {
        String oldEmail = StoreApi.newEmail();
        String newEmail = StoreApi.newEmail();
        String customerId = api.signUpWithEmail(oldEmail).customer().path("id").asString();
        String login = api.loginEmail(oldEmail, PASSWORD).text("token");

        Response requested = api.requestContactChange(login, body("email", "  " + newEmail.toUpperCase() + " "));
        assertThat(requested.status()).isEqualTo(200);
        assertThat(requested.text("expires_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(StoreApi.claims(requested.text("token")).has("customer_id")).as("the code's record names the customer").isFalse();
        String code = mailbox.lastCode(newEmail);
        assertThat(api.me(login).body().path("customer").path("email").asString())
                .as("nothing is staged on the customer").isEqualTo(oldEmail);

        Response verified = api.verifyContactChange(login, requested.text("token"), code);
        assertThat(verified.status()).isEqualTo(200);
        JsonNode customer = verified.body().path("customer");
        assertThat(customer.path("email").asString()).isEqualTo(newEmail);
        assertThat(customer.path("email_verified").asBoolean()).isTrue();
        String fresh = verified.text("token");
        assertThat(StoreApi.claims(fresh).path("actor_id").asString()).isEqualTo(customerId);

        assertThat(api.me(login).status()).as("older tokens are revoked").isEqualTo(401);
        assertThat(api.me(fresh).body().path("customer").path("email").asString()).isEqualTo(newEmail);
        assertThat(api.loginEmail(oldEmail, PASSWORD).status()).isEqualTo(401);
        assertThat(api.loginEmail(newEmail, PASSWORD).status()).isEqualTo(200);

        var notice = mailbox.awaitMessage(oldEmail, 1);
        assertThat(Mailbox.body(notice)).doesNotContain(code);
        assertThat(mailbox.messagesFor(newEmail)).hasSize(1);
    }

    @Test
    void addsAPhoneWhenTheCustomerHadNoneAndWarnsNobody() {
        String email = StoreApi.newEmail();
        String phone = StoreApi.newPhone();
        api.signUpWithEmail(email);
        String login = api.loginEmail(email, PASSWORD).text("token");

        Response requested = api.requestContactChange(login, body("phone", phone));
        assertThat(requested.status()).isEqualTo(200);
        Response verified = api.verifyContactChange(login, requested.text("token"), sms.lastCode(phone));

        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body().path("customer").path("phone").asString()).isEqualTo(phone);
        assertThat(verified.body().path("customer").path("phone_verified").asBoolean()).isTrue();
        assertThat(verified.body().path("customer").path("email").asString()).isEqualTo(email);
        assertThat(api.loginEmail(email, PASSWORD).status()).as("the email login is untouched").isEqualTo(200);
        outbox.awaitNothingDueFor(phone, email);
        assertThat(sms.messagesFor(phone)).hasSize(1);
        assertThat(mailbox.messagesFor(email)).as("no old phone, so no notice; the email did not change").isEmpty();
    }

    @Test
    void aTokenReSignedToCarryAnotherNewValueIsRefusedAndTheCodeStaysUsable() {
        String email = StoreApi.newEmail();
        String asked = StoreApi.newEmail();
        String customerId = api.signUpWithEmail(email).customer().path("id").asString();
        String login = api.loginEmail(email, PASSWORD).text("token");
        Response requested = api.requestContactChange(login, body("email", asked));
        String code = mailbox.lastCode(asked);

        // Signed with the service's own key (as an insider or a leaked secret could): the code's record binds the
        // value it was sent to, by a keyed hash, so the token cannot carry it elsewhere.
        for (String value : new String[] {"email:" + StoreApi.newEmail(), "phone:" + StoreApi.newPhone()}) {
            Response refused = api.verifyContactChange(login, resigned(requested.text("token"), "new_value", value), code);
            assertThat(refused.status()).as(value).isEqualTo(400);
            assertThat(refused.text("code")).isEqualTo("otp_invalid");
        }
        // Nor can a token naming another customer move the code: the record names the customer.
        assertThat(api.verifyContactChange(login, resigned(requested.text("token"), "customer_id", "cus_other"), code)
                .status()).isEqualTo(200);
        assertThat(api.me(api.loginEmail(asked, PASSWORD).text("token")).body().path("customer").path("id").asString())
                .isEqualTo(customerId);
    }

    private static String resigned(String token, String claim, String value) {
        try {
            var claims = new com.nimbusds.jwt.JWTClaimsSet.Builder(com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet())
                    .claim(claim, value).build();
            var forged = new com.nimbusds.jwt.SignedJWT(com.nimbusds.jwt.SignedJWT.parse(token).getHeader(), claims);
            forged.sign(new com.nimbusds.jose.crypto.MACSigner(
                    registration.support.TestServices.JWT_SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return forged.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void changingAPhoneWarnsTheOldNumberBySms() {
        String email = StoreApi.newEmail();
        String oldPhone = StoreApi.newPhone();
        String newPhone = StoreApi.newPhone();
        api.signUpWithEmail(email);
        String login = api.loginEmail(email, PASSWORD).text("token");
        Response first = api.requestContactChange(login, body("phone", oldPhone));
        login = api.verifyContactChange(login, first.text("token"), sms.lastCode(oldPhone)).text("token");

        clock.advance(Duration.ofSeconds(61)); // past the resend throttle of contact-change codes
        Response second = api.requestContactChange(login, body("phone", newPhone));
        assertThat(second.status()).isEqualTo(200);
        Response verified = api.verifyContactChange(login, second.text("token"), sms.lastCode(newPhone));

        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body().path("customer").path("phone").asString()).isEqualTo(newPhone);
        SmsInbox.Sms notice = sms.awaitMessage(oldPhone, 2);
        assertThat(notice.purpose()).isEqualTo("contact_changed_notice");
    }

    @Test
    void refusesBothFieldsNeitherFieldMalformedValuesAndTheCurrentValue() {
        String email = StoreApi.newEmail();
        api.signUpWithEmail(email);
        String login = api.loginEmail(email, PASSWORD).text("token");

        Response both = api.requestContactChange(login, body("email", StoreApi.newEmail(), "phone", StoreApi.newPhone()));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.text("type")).isEqualTo("invalid_data");
        Response neither = api.requestContactChange(login, body());
        assertThat(neither.status()).isEqualTo(400);
        assertThat(neither.text("type")).isEqualTo("invalid_data");
        assertThat(api.requestContactChange(login, body("email", "not-an-email")).status()).isEqualTo(400);
        assertThat(api.requestContactChange(login, body("phone", "12345")).status()).isEqualTo(400);
        assertThat(api.requestContactChange(login, body("email", 5)).status()).isEqualTo(400);
        assertThat(api.requestContactChange(login, body("email", StoreApi.newEmail(), "first_name", "Eve")).text("message"))
                .isEqualTo("Invalid request: Unrecognized fields: 'first_name'");
        Response same = api.requestContactChange(login, body("email", email.toUpperCase()));
        assertThat(same.status()).isEqualTo(400);
        assertThat(same.text("type")).isEqualTo("invalid_data");
    }

    @Test
    void needsACustomerLoginToken() {
        String email = StoreApi.newEmail();
        String registration = api.registerEmail(email, PASSWORD).text("token");

        assertThat(api.requestContactChange(null, body("email", StoreApi.newEmail())).status()).isEqualTo(401);
        assertThat(api.requestContactChange(registration, body("email", StoreApi.newEmail())).status()).isEqualTo(401);
        assertThat(api.verifyContactChange(null, "x", "123456").status()).isEqualTo(401);
    }

    @Test
    void refusesAValueAnotherCustomerHoldsWhenRequested() {
        String taken = StoreApi.newEmail();
        api.signUpWithEmail(taken);
        String email = StoreApi.newEmail();
        api.signUpWithEmail(email);
        String login = api.loginEmail(email, PASSWORD).text("token");

        Response refused = api.requestContactChange(login, body("email", taken));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("type")).isEqualTo("duplicate_error");
        outbox.awaitNothingDueFor(taken);
        assertThat(mailbox.messagesFor(taken)).isEmpty();
    }

    @Test
    void refusesAValueTakenBetweenRequestAndVerify() {
        String email = StoreApi.newEmail();
        String wanted = StoreApi.newEmail();
        api.signUpWithEmail(email);
        String login = api.loginEmail(email, PASSWORD).text("token");
        Response requested = api.requestContactChange(login, body("email", wanted));
        String code = mailbox.lastCode(wanted);

        api.signUpWithEmail(wanted); // someone else gets there first

        Response refused = api.verifyContactChange(login, requested.text("token"), code);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("type")).isEqualTo("duplicate_error");
        JsonNode me = api.me(login).body().path("customer");
        assertThat(me.path("email").asString()).isEqualTo(email);
        assertThat(api.loginEmail(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aFailureInsideTheVerifyTransactionLeavesCustomerAndIdentityUnchanged() {
        String email = StoreApi.newEmail();
        String wanted = StoreApi.newEmail();
        String customerId = api.signUpWithEmail(email).customer().path("id").asString();
        String login = api.loginEmail(email, PASSWORD).text("token");
        Response requested = api.requestContactChange(login, body("email", wanted));
        String code = mailbox.lastCode(wanted);
        // A sign-up that never created its customer now holds the address as a login: the customer row can
        // take it, but moving our login onto it violates the identities' unique constraint, after the
        // customer row was already written in the same transaction.
        assertThat(api.registerEmail(wanted, "another-password").status()).isEqualTo(200);

        Response refused = api.verifyContactChange(login, requested.text("token"), code);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("type")).isEqualTo("duplicate_error");
        var row = jdbc.sql("SELECT email, email_verified FROM customer WHERE id = :id").param("id", customerId)
                .query((rs, n) -> List.of(rs.getString("email"), rs.getBoolean("email_verified"))).single();
        assertThat(row).containsExactly(email, false);
        String identity = StoreApi.claims(login).path("auth_identity_id").asString();
        assertThat(jdbc.sql("SELECT entity_id FROM provider_identity WHERE auth_identity_id = :id").param("id", identity)
                .query(String.class).list()).containsExactly(email);
        assertThat(jdbc.sql("SELECT credential_version FROM auth_identity WHERE id = :id").param("id", identity)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(api.me(login).status()).as("the old token still works: nothing was revoked").isEqualTo(200);
        assertThat(api.loginEmail(email, PASSWORD).status()).isEqualTo(200);
        outbox.awaitNothingDueFor(email);
        assertThat(mailbox.messagesFor(email)).as("no notice for a change that did not happen").isEmpty();
    }

    @Test
    void anotherCustomersTokenIsRefusedWithoutUsingItsCode() {
        String aliceEmail = StoreApi.newEmail();
        String wanted = StoreApi.newEmail();
        api.signUpWithEmail(aliceEmail);
        String alice = api.loginEmail(aliceEmail, PASSWORD).text("token");
        String malloryEmail = StoreApi.newEmail();
        api.signUpWithEmail(malloryEmail);
        String mallory = api.loginEmail(malloryEmail, PASSWORD).text("token");
        Response requested = api.requestContactChange(alice, body("email", wanted));
        String code = mailbox.lastCode(wanted);

        Response refused = api.verifyContactChange(mallory, requested.text("token"), code);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("code")).isEqualTo("otp_invalid");
        assertThat(api.me(mallory).body().path("customer").path("email").asString()).isEqualTo(malloryEmail);
        Response own = api.verifyContactChange(alice, requested.text("token"), code);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body().path("customer").path("email").asString()).isEqualTo(wanted);
    }

    @Test
    void aWrongCodeChangesNothingAndAUsedCodeCannotBeReplayed() {
        String email = StoreApi.newEmail();
        String wanted = StoreApi.newEmail();
        api.signUpWithEmail(email);
        String login = api.loginEmail(email, PASSWORD).text("token");
        Response requested = api.requestContactChange(login, body("email", wanted));
        String code = mailbox.lastCode(wanted);

        Response wrong = api.verifyContactChange(login, requested.text("token"), code.equals("000000") ? "111111" : "000000");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.text("code")).isEqualTo("otp_wrong_code");
        assertThat(api.me(login).body().path("customer").path("email").asString()).isEqualTo(email);

        String fresh = api.verifyContactChange(login, requested.text("token"), code).text("token");
        Response replay = api.verifyContactChange(fresh, requested.text("token"), code);
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.text("code")).isEqualTo("otp_invalid");
        Response tampered = api.verifyContactChange(fresh, requested.text("token") + "x", code);
        assertThat(tampered.text("code")).isEqualTo("otp_invalid");
    }

    @Test
    void parallelVerifiesOfOneCodeChangeTheContactOnce() throws Exception {
        String email = StoreApi.newEmail();
        String wanted = StoreApi.newEmail();
        api.signUpWithEmail(email);
        String login = api.loginEmail(email, PASSWORD).text("token");
        String identity = StoreApi.claims(login).path("auth_identity_id").asString();
        Response requested = api.requestContactChange(login, body("email", wanted));
        String code = mailbox.lastCode(wanted);

        int parallel = 6;
        var pool = Executors.newFixedThreadPool(parallel);
        var start = new CountDownLatch(1);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < parallel; i++) {
            calls.add(() -> {
                start.await();
                return api.verifyContactChange(login, requested.text("token"), code);
            });
        }
        List<Future<Response>> futures = new ArrayList<>();
        for (Callable<Response> call : calls) {
            futures.add(pool.submit(call));
        }
        start.countDown();
        List<Response> answers = new ArrayList<>();
        for (Future<Response> f : futures) {
            answers.add(f.get());
        }
        pool.shutdown();

        assertThat(answers).filteredOn(r -> r.status() == 200).hasSize(1);
        // A loser either finds the code used (400 otp_invalid) or, arriving after the winner committed, finds
        // its login token already revoked by the change (401).
        assertThat(answers).filteredOn(r -> r.status() != 200).hasSize(parallel - 1).allSatisfy(r -> assertThat(
                r.status() == 401 || (r.status() == 400 && r.text("code").equals("otp_invalid"))).as(r.toString()).isTrue());
        assertThat(jdbc.sql("SELECT credential_version FROM auth_identity WHERE id = :id").param("id", identity)
                .query(Integer.class).single()).as("one change, one revocation").isEqualTo(2);
        mailbox.awaitMessage(email, 1);
        outbox.awaitNothingDueFor(email);
        assertThat(mailbox.messagesFor(email)).as("one notice").hasSize(1);
    }

    @Test
    void aSecondRequestInsideTheThrottleIsRefusedWithRetryAfter() {
        String email = StoreApi.newEmail();
        api.signUpWithEmail(email);
        String login = api.loginEmail(email, PASSWORD).text("token");
        assertThat(api.requestContactChange(login, body("email", StoreApi.newEmail())).status()).isEqualTo(200);

        Response again = api.requestContactChange(login, body("email", StoreApi.newEmail()));

        assertThat(again.status()).isEqualTo(429);
        assertThat(again.text("type")).isEqualTo("too_many_requests");
        assertThat(again.header("Retry-After")).isPresent();
    }


    @Test
    void theInUseAnswerComesOnlyAfterTheThrottleSoTheRouteIsNoFreeRegistrationOracle() {
        // The attack: a signed-in customer asks to move to one stranger's address after another; a 422 says
        // "registered here". Each such answer now spends the resend throttle like a code sent.
        String taken = StoreApi.newEmail();
        api.signUpWithEmail(taken);
        String alsoTaken = StoreApi.newEmail();
        api.signUpWithEmail(alsoTaken);
        String prober = StoreApi.newEmail();
        api.signUpWithEmail(prober);
        String login = api.loginEmail(prober, PASSWORD).text("token");

        assertThat(api.requestContactChange(login, body("email", taken)).status()).isEqualTo(422);

        Response second = api.requestContactChange(login, body("email", alsoTaken));
        assertThat(second.status()).as("inside the throttle the answer tells nothing").isEqualTo(429);
        assertThat(second.text("code")).isEqualTo("otp_throttled");
        assertThat(second.header("Retry-After")).isPresent();
        Response free = api.requestContactChange(login, body("email", StoreApi.newEmail()));
        assertThat(free.status()).as("taken or not: the same answer").isEqualTo(429);
        assertThat(free.text("code")).isEqualTo("otp_throttled");

        clock.advance(Duration.ofSeconds(61)); // past the resend throttle of email codes
        assertThat(api.requestContactChange(login, body("email", alsoTaken)).status()).isEqualTo(422);
    }

    @Test
    void theCodeToANewAddressCarriesNoNameFromTheAccount() {
        // A name is free text typed at sign-up; the new address does not belong to the customer yet.
        String email = StoreApi.newEmail();
        String token = api.registerEmail(email, PASSWORD).text("token");
        api.createCustomer(token, body("email", email, "first_name", "Visit evil.example now"));
        String login = api.loginEmail(email, PASSWORD).text("token");
        String newEmail = StoreApi.newEmail();

        assertThat(api.requestContactChange(login, body("email", newEmail)).status()).isEqualTo(200);

        String text = Mailbox.text(mailbox.awaitMessage(newEmail, 1));
        assertThat(text).startsWith("Hello,").doesNotContain("evil.example");
    }
}
