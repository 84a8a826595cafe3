package registration.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import registration.support.Mailbox;
import registration.support.NoVerificationHttpTest;
import registration.support.StoreApi.Response;
import registration.support.StoreApi;
import registration.support.TestClock;
import tools.jackson.databind.JsonNode;

/**
 * The attacks on {@code cancel-request} that issue 16 found, as tests: telling a registered address from an
 * unknown one in two requests, keeping the owner from cancelling by re-sending, and guessing without bound.
 * Same configuration as {@link AccountDeletionHttpTests} (scheduled-days = 7: nothing here is ever due).
 */
@NoVerificationHttpTest
class CancelFlowAttackHttpTests {

    @Autowired
    StoreApi api;
    @Autowired
    Mailbox mailbox;
    @Autowired
    TestClock clock;

    record Customer(String id, String email, String token) {
    }

    @Test
    void enumerationInTwoRequestsTellsAScheduledAnIdleAndAnUnknownAddressNothingApart() {
        Customer scheduled = scheduleDeletion(signUp());
        Customer idle = signUp();
        List<Response> answers = new ArrayList<>();
        for (String email : List.of(scheduled.email(), idle.email(), StoreApi.newEmail())) {
            answers.add(api.requestDeletionCancel(body("email", email)));
        }

        List<String> shapes = new ArrayList<>();
        List<String> probes = new ArrayList<>();
        for (Response answer : answers) {
            assertThat(answer.status()).isEqualTo(200);
            JsonNode claims = StoreApi.claims(answer.text("token"));
            shapes.add(answer.body().propertyNames() + " " + claims.propertyNames() + " " + claims.path("purpose").asString()
                    + " " + answer.text("token").length());
            // Second request: anything the token holds, tried as a customer id on otp/send.
            StringBuilder seen = new StringBuilder();
            for (String name : claims.propertyNames()) {
                Response probe = api.sendOtp(claims.path(name).asString(), "email_verification");
                seen.append(name).append('=').append(probe.status()).append(' ').append(probe.text("type")).append(';');
            }
            probes.add(seen.toString());
        }
        assertThat(shapes).as("token shapes").containsOnly(shapes.get(0));
        assertThat(probes).as("otp/send answers").containsOnly(probes.get(0));
        assertThat(StoreApi.claims(answers.get(0).text("token")).has("customer_id")).isFalse();
    }

    @Test
    void anAttackerWhoReSendsTheCancelCodeCannotKeepTheOwnerFromCancelling() {
        Customer owner = scheduleDeletion(signUp());
        String ownerToken = api.requestDeletionCancel(body("email", owner.email())).text("token");
        String ownerCode = mailbox.code(owner.email(), 3);

        for (int i = 4; i <= 5; i++) { // the attacker re-sends each time the throttle allows
            clock.advance(Duration.ofSeconds(61));
            assertThat(api.requestDeletionCancel(body("email", owner.email())).status()).isEqualTo(200);
            mailbox.awaitMessage(owner.email(), i);
        }

        Response cancelled = api.confirmDeletionCancel(ownerToken, ownerCode);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().path("request").path("status").asString()).isEqualTo("cancelled");
        assertThat(api.loginEmail(owner.email(), PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void wrongCodesLockAnUnknownAddressExactlyAsAKnownOne() {
        Customer owner = scheduleDeletion(signUp());
        String unknown = StoreApi.newEmail();

        List<String> known = guessTenTimesThenOnceMore(owner.email());
        List<String> decoy = guessTenTimesThenOnceMore(unknown);

        assertThat(known).isEqualTo(decoy);
        assertThat(known.get(10)).isEqualTo("429 otp_locked");
        assertThat(Mailbox.subject(mailbox.awaitMessage(owner.email(), 5))).isEqualTo("Too many wrong codes were entered");
        assertThat(mailbox.messagesFor(unknown)).isEmpty();
        // Locked: asking again sends nothing, and the owner's right code no longer works either.
        clock.advance(Duration.ofSeconds(61));
        Response again = api.requestDeletionCancel(body("email", owner.email()));
        assertThat(again.status()).isEqualTo(200);
        Response right = api.confirmDeletionCancel(again.text("token"), mailbox.code(owner.email(), 4));
        assertThat(right.status()).isEqualTo(429);
        assertThat(right.text("code")).isEqualTo("otp_locked");
    }

    /** Two cancel-requests a throttle apart, five wrong guesses on each, then an eleventh: "status code" of each. */
    private List<String> guessTenTimesThenOnceMore(String email) {
        List<String> answers = new ArrayList<>();
        String token = null;
        for (int send = 0; send < 2; send++) {
            if (send > 0) {
                clock.advance(Duration.ofSeconds(61));
            }
            token = api.requestDeletionCancel(body("email", email)).text("token");
            for (int i = 0; i < 5; i++) {
                answers.add(guess(token));
            }
        }
        answers.add(guess(token));
        return answers;
    }

    private String guess(String token) {
        // Never the code: the cancel codes the owner got are all numeric, and this is not.
        Response answer = api.confirmDeletionCancel(token, "ZZZZZZ");
        return answer.status() + " " + answer.text("code");
    }

    private Customer signUp() {
        String email = StoreApi.newEmail();
        String registration = api.registerEmail(email, PASSWORD).text("token");
        Response created = api.createCustomer(registration, body("email", email, "first_name", "Ada"));
        assertThat(created.status()).isEqualTo(200);
        return new Customer(created.body().path("customer").path("id").asString(), email,
                api.loginEmail(email, PASSWORD).text("token"));
    }

    /** Requests and confirms a deletion: mail 1 is the code, mail 2 the "scheduled" notice. */
    private Customer scheduleDeletion(Customer customer) {
        String token = api.requestDeletion(customer.token(), Map.of()).text("token");
        assertThat(api.confirmDeletion(token, mailbox.code(customer.email(), 1)).status()).isEqualTo(200);
        mailbox.awaitMessage(customer.email(), 2);
        return customer;
    }
}
