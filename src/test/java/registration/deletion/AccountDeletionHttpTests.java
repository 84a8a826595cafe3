package registration.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import registration.support.Mailbox;
import registration.support.NoVerificationHttpTest;
import registration.support.SmsInbox;
import registration.support.StoreApi.Response;
import registration.support.StoreApi;
import registration.support.TestClock;
import tools.jackson.databind.JsonNode;

/**
 * Request, confirm and cancel an account deletion (scheduled-days = 7: nothing here is ever due). Completion
 * is proven in {@link AccountDeletionCompletionHttpTests} and {@link AccountDeletionSchedulingHttpTests}.
 */
@NoVerificationHttpTest
class AccountDeletionHttpTests {

    @Autowired
    StoreApi api;
    @Autowired
    Mailbox mailbox;
    @Autowired
    SmsInbox sms;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcClient jdbc;

    record SignedUp(String id, String email, String phone, String token) {
    }

    @Test
    void aConfirmedDeletionSuspendsTheAccountUntilTheCustomerCancelsIt() {
        SignedUp customer = signUp(false);

        Response requested = api.requestDeletion(customer.token(), body("reason", "Moving away"));
        assertThat(requested.status()).isEqualTo(200);
        assertThat(requested.body().propertyNames()).containsExactlyInAnyOrder("token", "expires_at");
        assertThat(requested.text("expires_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(Mailbox.subject(mailbox.awaitMessage(customer.email(), 1))).isEqualTo("Confirm your account deletion request");

        Response confirmed = api.confirmDeletion(requested.text("token"), mailbox.code(customer.email(), 1));
        assertThat(confirmed.status()).isEqualTo(200);
        var request = confirmed.body().path("request");
        assertThat(request.path("id").asString()).startsWith("adr_");
        assertThat(request.path("customer_id").asString()).isEqualTo(customer.id());
        assertThat(request.path("status").asString()).isEqualTo("confirmed");
        assertThat(request.path("reason").asString()).isEqualTo("Moving away");
        Instant scheduledFor = Instant.parse(request.path("scheduled_for").asString());
        assertThat(scheduledFor).isCloseTo(clock.instant().plus(Duration.ofDays(7)), within(1, ChronoUnit.MINUTES));

        var notice = mailbox.awaitMessage(customer.email(), 2);
        assertThat(Mailbox.subject(notice)).isEqualTo("Your account is scheduled for deletion");
        assertThat(Mailbox.body(notice)).contains(request.path("scheduled_for").asString()).contains("cancel");

        Response login = api.loginEmail(customer.email(), PASSWORD);
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.text("type")).isEqualTo("not_allowed");
        assertThat(login.text("code")).isEqualTo("account_deletion_scheduled");
        assertThat(api.loginEmail(customer.email(), "not-the-password").status()).isEqualTo(401);
        Response me = api.me(customer.token());
        assertThat(me.status()).isEqualTo(403);
        assertThat(me.text("code")).isEqualTo("account_deletion_scheduled");
        assertThat(api.updateMe(customer.token(), body("first_name", "Bob")).status()).isEqualTo(403);

        Response cancelRequested = api.requestDeletionCancel(body("email", customer.email().toUpperCase()));
        assertThat(cancelRequested.status()).isEqualTo(200);
        assertThat(Mailbox.subject(mailbox.awaitMessage(customer.email(), 3))).isEqualTo("Confirm cancellation of account deletion");
        Response cancelled = api.confirmDeletionCancel(cancelRequested.text("token"), mailbox.code(customer.email(), 3));
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().path("request").path("status").asString()).isEqualTo("cancelled");
        assertThat(cancelled.body().path("request").path("id").asString()).isEqualTo(request.path("id").asString());
        assertThat(cancelled.body().path("request").path("cancelled_at").asString()).isNotEmpty();
        assertThat(Mailbox.subject(mailbox.awaitMessage(customer.email(), 4))).isEqualTo("Your account deletion was cancelled");

        Response loginAgain = api.loginEmail(customer.email(), PASSWORD);
        assertThat(loginAgain.status()).isEqualTo(200);
        assertThat(api.me(loginAgain.text("token")).body().path("customer").path("first_name").asString()).isEqualTo("Ada");
    }

    @Test
    void tokensIssuedBeforeTheConfirmationStayRefusedAfterACancellation() {
        SignedUp customer = signUp(false);
        String requestToken = api.requestDeletion(customer.token(), body()).text("token");
        api.confirmDeletion(requestToken, mailbox.code(customer.email(), 1));
        mailbox.awaitMessage(customer.email(), 2);

        String cancelToken = api.requestDeletionCancel(body("email", customer.email())).text("token");
        assertThat(api.confirmDeletionCancel(cancelToken, mailbox.code(customer.email(), 3)).status()).isEqualTo(200);

        Response old = api.me(customer.token());
        assertThat(old.status()).isEqualTo(401);
        assertThat(old.text("type")).isEqualTo("unauthorized");
        assertThat(api.refresh(customer.token()).status()).isEqualTo(401);
        assertThat(api.me(api.loginEmail(customer.email(), PASSWORD).text("token")).status()).isEqualTo(200);
    }

    @Test
    void aCustomerCancelsByPhoneWithACodeSentBySms() {
        SignedUp customer = signUp(true);
        String requestToken = api.requestDeletion(customer.token(), body("reason", "Too many emails")).text("token");
        assertThat(api.confirmDeletion(requestToken, mailbox.code(customer.email(), 1)).status()).isEqualTo(200);
        mailbox.awaitMessage(customer.email(), 2);

        Response cancelRequested = api.requestDeletionCancel(body("phone", customer.phone()));
        assertThat(cancelRequested.status()).isEqualTo(200);
        SmsInbox.Sms code = sms.awaitMessage(customer.phone(), 1);
        assertThat(code.purpose()).isEqualTo("account_deletion_cancel");

        Response cancelled = api.confirmDeletionCancel(cancelRequested.text("token"), sms.code(customer.phone(), 1));
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().path("request").path("status").asString()).isEqualTo("cancelled");
        // The notices go to the customer's email; the cancel code was the only SMS.
        assertThat(Mailbox.subject(mailbox.awaitMessage(customer.email(), 3))).isEqualTo("Your account deletion was cancelled");
        assertThat(sms.messagesFor(customer.phone())).hasSize(1);
        assertThat(api.loginEmail(customer.email(), PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aRepeatedRequestReplacesThePendingOneAndKeepsTheCodeAlreadySentValid() {
        SignedUp customer = signUp(false);
        String first = api.requestDeletion(customer.token(), body("reason", "first")).text("token");
        String firstCode = mailbox.code(customer.email(), 1);

        clock.advance(Duration.ofSeconds(61)); // past the email resend throttle
        Response second = api.requestDeletion(customer.token(), body("reason", "second"));
        assertThat(second.status()).isEqualTo(200);
        String secondCode = mailbox.code(customer.email(), 2);

        assertThat(requestsOf(customer.id())).containsExactly("pending");

        // Owner first (SPEC §11): the first code still confirms — the one pending request, the second.
        Response confirmed = api.confirmDeletion(first, firstCode);
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.body().path("request").path("reason").asString()).isEqualTo("second");
        assertThat(requestsOf(customer.id())).containsExactly("confirmed");
        Response used = api.confirmDeletion(second.text("token"), secondCode);
        assertThat(used.status()).isEqualTo(400);
        assertThat(used.text("code")).isEqualTo("otp_invalid");
    }

    @Test
    void aSecondRequestInsideTheResendThrottleIsRefused() {
        SignedUp customer = signUp(false);
        assertThat(api.requestDeletion(customer.token(), body()).status()).isEqualTo(200);

        Response again = api.requestDeletion(customer.token(), body());
        assertThat(again.status()).isEqualTo(429);
        assertThat(again.text("type")).isEqualTo("too_many_requests");
        assertThat(again.header("Retry-After")).isPresent();
        assertThat(requestsOf(customer.id())).containsExactly("pending");
    }

    @Test
    void twoRequestsAtOnceLeaveExactlyOnePendingRequest() throws Exception {
        SignedUp customer = signUp(false);
        var pool = Executors.newFixedThreadPool(2);
        Callable<Integer> request = () -> api.requestDeletion(customer.token(), body("reason", "race")).status();
        List<Future<Integer>> results = pool.invokeAll(List.of(request, request));
        pool.shutdown();

        List<Integer> statuses = List.of(results.get(0).get(), results.get(1).get());
        assertThat(statuses).containsExactlyInAnyOrder(200, 429); // the resend throttle lets one through
        assertThat(requestsOf(customer.id())).containsExactly("pending");
    }

    @Test
    void cancelRequestAnswersAlikeWhenNoScheduledDeletionMatchesAndItsTokenNeverVerifies() {
        SignedUp idle = signUp(true); // a customer without any deletion request
        String unknown = StoreApi.newEmail();

        for (Map<String, Object> identifier : List.of(body("email", unknown), body("phone", StoreApi.newPhone()),
                body("email", idle.email()), body("phone", idle.phone()))) {
            Response answer = api.requestDeletionCancel(identifier);
            assertThat(answer.status()).as("%s", identifier).isEqualTo(200);
            assertThat(answer.body().propertyNames()).containsExactlyInAnyOrder("token", "expires_at");
            JsonNode claims = StoreApi.claims(answer.text("token"));
            // A handle: nothing in it names a customer, known or not.
            assertThat(claims.propertyNames()).containsExactlyInAnyOrder("otp_id", "purpose", "kind", "iss", "exp", "iat");
            Response guess = api.confirmDeletionCancel(answer.text("token"), "123456");
            assertThat(guess.status()).isEqualTo(400);
            assertThat(guess.text("code")).isEqualTo("otp_wrong_code");
        }
        assertThat(mailbox.messagesFor(unknown)).isEmpty();
        assertThat(mailbox.messagesFor(idle.email())).isEmpty();
        assertThat(sms.messagesFor(idle.phone())).isEmpty();
    }

    @Test
    void aCancelCodeAskedForAgainInsideTheThrottleIsNotSentAndTheAnswerIsAHandleToTheFirstOne() {
        SignedUp customer = signUp(false);
        api.confirmDeletion(api.requestDeletion(customer.token(), body()).text("token"), mailbox.code(customer.email(), 1));
        mailbox.awaitMessage(customer.email(), 2);
        String firstToken = api.requestDeletionCancel(body("email", customer.email())).text("token");
        String firstCode = mailbox.code(customer.email(), 3);

        Response again = api.requestDeletionCancel(body("email", customer.email()));
        assertThat(again.status()).isEqualTo(200); // a 429 would tell that this address has a scheduled deletion
        assertThat(StoreApi.claims(again.text("token")).path("otp_id").asString())
                .as("a handle to the code already sent").isEqualTo(StoreApi.claims(firstToken).path("otp_id").asString());
        assertThat(api.confirmDeletionCancel(again.text("token"), firstCode).status()).isEqualTo(200);
        assertThat(api.confirmDeletionCancel(firstToken, firstCode).text("code")).isEqualTo("otp_invalid");
        assertThat(mailbox.messagesFor(customer.email()).stream().map(Mailbox::subject))
                .filteredOn("Confirm cancellation of account deletion"::equals).hasSize(1);
    }

    @Test
    void cancelRequestTakesExactlyOneWellFormedIdentifier() {
        SignedUp customer = signUp(true);
        for (Map<String, Object> bad : List.of(body(), body("email", customer.email(), "phone", customer.phone()),
                body("email", "not-an-email"), body("phone", "12345"), body("phone", 4155552671L),
                body("identifier", customer.email()))) {
            Response answer = api.requestDeletionCancel(bad);
            assertThat(answer.status()).as("%s", bad).isEqualTo(400);
            assertThat(answer.text("type")).isEqualTo("invalid_data");
        }
    }

    @Test
    void usedDeadOrWrongPurposeTokensAreRefusedAsInvalid() {
        SignedUp customer = signUp(false);
        String requestToken = api.requestDeletion(customer.token(), body()).text("token");
        String requestCode = mailbox.code(customer.email(), 1);

        Response asCancel = api.confirmDeletionCancel(requestToken, requestCode);
        assertThat(asCancel.status()).isEqualTo(400);
        assertThat(asCancel.text("code")).isEqualTo("otp_invalid");
        Response wrong = api.confirmDeletion(requestToken, requestCode.equals("000000") ? "111111" : "000000");
        assertThat(wrong.text("code")).isEqualTo("otp_wrong_code");
        assertThat(api.confirmDeletion(requestToken, requestCode).status()).isEqualTo(200);

        Response used = api.confirmDeletion(requestToken, requestCode);
        assertThat(used.status()).isEqualTo(400);
        assertThat(used.text("type")).isEqualTo("invalid_data");
        assertThat(used.text("code")).isEqualTo("otp_invalid");
        assertThat(api.confirmDeletion(customer.token(), requestCode).text("code")).isEqualTo("otp_invalid");
        assertThat(api.confirmDeletion("not-a-token", requestCode).text("code")).isEqualTo("otp_invalid");
        Response missing = api.post("/store/customers/account-deletion/confirm", body("token", requestToken), null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.text("message")).isEqualTo("Invalid request: Field 'code' is required");
    }

    @Test
    void theReasonIsOptionalAndAtMostAThousandCharacters() {
        SignedUp customer = signUp(false);
        Response tooLong = api.requestDeletion(customer.token(), body("reason", "x".repeat(1001)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.text("message")).isEqualTo("Invalid request: Field 'reason' must be at most 1000 characters");
        assertThat(api.requestDeletion(customer.token(), body("reason", 5)).status()).isEqualTo(400);
        assertThat(api.requestDeletion(customer.token(), body("reason", "x", "extra", 1)).status()).isEqualTo(400);
        assertThat(requestsOf(customer.id())).isEmpty();

        Response noBody = api.post("/store/customers/account-deletion/request", null, customer.token());
        assertThat(noBody.status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(61));
        assertThat(api.requestDeletion(customer.token(), body("reason", "y".repeat(1000))).status()).isEqualTo(200);
    }

    @Test
    void requestingADeletionNeedsACustomerLoginToken() {
        String email = StoreApi.newEmail();
        String registration = api.registerEmail(email, PASSWORD).text("token");
        assertThat(api.requestDeletion(null, body()).status()).isEqualTo(401);
        assertThat(api.requestDeletion(registration, body()).status()).isEqualTo(401);
        assertThat(api.requestDeletion("garbage", body()).status()).isEqualTo(401);
    }

    /** A customer signed up by email (and phone) and logged in. */
    private SignedUp signUp(boolean withPhone) {
        String email = StoreApi.newEmail();
        String phone = withPhone ? StoreApi.newPhone() : null;
        String registration = api.registerEmail(email, PASSWORD).text("token");
        Map<String, Object> fields = withPhone ? body("email", email, "phone", phone, "first_name", "Ada")
                : body("email", email, "first_name", "Ada");
        Response created = api.createCustomer(registration, fields);
        assertThat(created.status()).as("sign-up").isEqualTo(200);
        String token = api.loginEmail(email, PASSWORD).text("token");
        return new SignedUp(created.body().path("customer").path("id").asString(), email, phone, token);
    }

    private List<String> requestsOf(String customerId) {
        return jdbc.sql("SELECT status FROM account_deletion_request WHERE customer_id = :c")
                .param("c", customerId).query(String.class).list();
    }
}
