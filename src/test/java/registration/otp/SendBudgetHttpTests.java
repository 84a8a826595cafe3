package registration.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import registration.support.HttpTest;
import registration.support.Mailbox;
import registration.support.StoreApi;
import registration.support.StoreApi.Response;
import registration.support.TestClock;

/**
 * Send budgets at the routes that send codes, with a budget of three emails per address a day: an attacker who
 * keeps asking for codes to someone's address stops costing money and mail at the third, and the owner can
 * still finish with a code already sent.
 */
@HttpTest
@TestPropertySource(properties = {"customer-registration.registration.require-verification=false",
        "customer-registration.notifications.budgets.emails-per-destination=3"})
class SendBudgetHttpTests {

    @Autowired
    StoreApi api;
    @Autowired
    Mailbox mailbox;
    @Autowired
    TestClock clock;

    @Test
    void pastTheBudgetOtpSendSendsNothingAndSaysWhyWhileTheLastCodeStillVerifies() {
        String email = StoreApi.newEmail();
        Response signedUp = api.signUpWithEmail(email); // code 1
        String customerId = signedUp.body().path("customer").path("id").asString();
        mailbox.awaitMessage(email, 1); // one at a time: the outbox may deliver a burst in any order
        String token = null;
        for (int code = 2; code <= 3; code++) {
            clock.advance(Duration.ofSeconds(61));
            Response sent = api.sendOtp(customerId, "email_verification");
            assertThat(sent.status()).isEqualTo(200);
            token = sent.text("token");
            mailbox.awaitMessage(email, code);
        }

        clock.advance(Duration.ofSeconds(61));
        Response refused = api.sendOtp(customerId, "email_verification");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.text("type")).isEqualTo("too_many_requests");
        assertThat(refused.text("code")).isEqualTo("send_budget_exceeded");
        assertThat(refused.header("Retry-After")).isPresent();
        assertThat(api.verifyOtp(token, mailbox.code(email, 3)).status()).as("the owner finishes with code 3").isEqualTo(200);
    }

    @Test
    void theBudgetRefillsAfterADay() {
        String email = StoreApi.newEmail();
        String customerId = api.signUpWithEmail(email).body().path("customer").path("id").asString();
        mailbox.awaitMessage(email, 1);
        for (int code = 2; code <= 3; code++) {
            clock.advance(Duration.ofSeconds(61));
            assertThat(api.sendOtp(customerId, "email_verification").status()).isEqualTo(200);
            mailbox.awaitMessage(email, code); // one at a time: the outbox may deliver a burst in any order
        }
        clock.advance(Duration.ofSeconds(61));
        assertThat(api.sendOtp(customerId, "email_verification").text("code")).isEqualTo("send_budget_exceeded");

        clock.advance(Duration.ofHours(24).plusMinutes(1));
        Response sent = api.sendOtp(customerId, "email_verification");

        assertThat(sent.status()).isEqualTo(200);
        assertThat(api.verifyOtp(sent.text("token"), mailbox.code(email, 4)).status()).isEqualTo(200);
    }

    @Test
    void pastTheBudgetCancelRequestAnswersAsUsualWithAHandleToTheCodeAlreadySent() {
        String email = StoreApi.newEmail();
        api.signUpWithEmail(email); // code 1 (email verification)
        mailbox.awaitMessage(email, 1);
        String login = api.loginEmail(email, PASSWORD).text("token");
        String deletion = api.requestDeletion(login, Map.of()).text("token"); // code 2
        assertThat(api.confirmDeletion(deletion, mailbox.code(email, 2)).status()).isEqualTo(200);
        mailbox.awaitMessage(email, 3); // the "scheduled" notice: a notice spends no destination budget
        Response first = api.requestDeletionCancel(body("email", email)); // code 3, the last of the budget
        String lastCode = mailbox.code(email, 4);

        clock.advance(Duration.ofSeconds(61));
        Response overBudget = api.requestDeletionCancel(body("email", email));

        assertThat(overBudget.status()).isEqualTo(first.status());
        assertThat(overBudget.body().propertyNames()).containsExactlyElementsOf(first.body().propertyNames());
        assertThat(StoreApi.claims(overBudget.text("token")).propertyNames())
                .containsExactlyElementsOf(StoreApi.claims(first.text("token")).propertyNames());
        // A handle to code 3: had a new code been made, code 3 would not verify with this token.
        Response cancelled = api.confirmDeletionCancel(overBudget.text("token"), lastCode);
        assertThat(cancelled.status()).as("%s", cancelled).isEqualTo(200);
        assertThat(cancelled.body().path("request").path("status").asString()).isEqualTo("cancelled");
    }

    @Test
    void anUnknownAddressGoesOverBudgetAsARegisteredOneWould() {
        String unknown = StoreApi.newEmail();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofSeconds(61));
            Response answer = api.requestDeletionCancel(body("email", unknown));
            assertThat(answer.status()).isEqualTo(200);
            ids.add(StoreApi.claims(answer.text("token")).path("otp_id").asString());
        }

        // Three decoys, one per "send" the budget allows; then, as for a registered address past its budget, a
        // handle to the newest one instead of a fresh code.
        assertThat(ids.subList(0, 3)).doesNotHaveDuplicates();
        assertThat(ids.get(3)).isEqualTo(ids.get(2));
        assertThat(mailbox.messagesFor(unknown)).isEmpty();
    }

    @Test
    void strangersWhoSpendAnAddressesBudgetBeforeItSignsUpCannotKeepItFromSigningUp() {
        String victim = StoreApi.newEmail();
        for (int i = 0; i < 3; i++) { // three "contact changes" to the victim's address, by three accounts
            String stranger = StoreApi.newEmail();
            api.signUpWithEmail(stranger);
            String login = api.loginEmail(stranger, PASSWORD).text("token");
            assertThat(api.requestContactChange(login, body("email", victim)).status()).isEqualTo(200);
        }
        mailbox.awaitMessage(victim, 3);

        Response signedUp = api.signUpWithEmail(victim);

        assertThat(signedUp.status()).as("%s", signedUp).isEqualTo(200);
        assertThat(signedUp.body().path("customer").path("email").asString()).isEqualTo(victim);
        assertThat(signedUp.body().has("verification")).as("no code could be sent").isFalse();
        assertThat(api.loginEmail(victim, PASSWORD).status()).isEqualTo(200);
    }
}
