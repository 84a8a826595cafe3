package registration.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import registration.support.HttpTest;
import registration.support.Mailbox;
import registration.support.StoreApi;
import registration.support.StoreApi.Response;

/**
 * What the customer's name does in messages (SPEC 10 "Input", issue 16 "Messages read well"): it never
 * reaches an address the customer has not proven to own, and without one the greeting has no gap.
 */
@HttpTest
class CustomerMessagesHttpTests {

    @Autowired
    StoreApi api;
    @Autowired
    Mailbox mailbox;

    @Test
    void aSignUpCannotMailItsNameToAStrangersAddress() {
        // The attack: sign up with someone else's address and a "name" that is an advertisement or a phishing line.
        String stranger = StoreApi.newEmail();
        String token = api.registerEmail(stranger, PASSWORD).text("token");
        Response created = api.createCustomer(token, body("email", stranger, "first_name", "Win a prize at evil.example",
                "last_name", "today"));
        assertThat(created.status()).isEqualTo(200);

        String text = Mailbox.text(mailbox.awaitMessage(stranger, 1));

        assertThat(text).startsWith("Hello,").doesNotContain("evil.example").doesNotContain("today");
    }

    @Test
    void aVerifiedCustomerIsGreetedByName() {
        String email = StoreApi.newEmail();
        String login = verifiedCustomer(email, body("email", email, "first_name", "Ada"));

        assertThat(api.requestDeletion(login, Map.of()).status()).isEqualTo(200);

        assertThat(Mailbox.text(mailbox.awaitMessage(email, 2))).startsWith("Hello Ada,");
    }

    @Test
    void aCustomerWithoutANameIsNotGreetedWithAGap() {
        String email = StoreApi.newEmail();
        String login = verifiedCustomer(email, body("email", email, "first_name", "   "));

        assertThat(api.requestDeletion(login, Map.of()).status()).isEqualTo(200);

        String text = Mailbox.text(mailbox.awaitMessage(email, 2));
        assertThat(text).startsWith("Hello,").doesNotContain("Hello ,").doesNotContain("Hello    ,");
    }

    /** Signs up (the verification code is sent on creation), verifies the email, returns the login token. */
    private String verifiedCustomer(String email, Map<String, Object> customer) {
        String token = api.registerEmail(email, PASSWORD).text("token");
        Response created = api.createCustomer(token, customer);
        assertThat(created.status()).isEqualTo(200);
        Response verified = api.verifyOtp(created.body().path("verification").path("token").asString(),
                mailbox.code(email, 1));
        assertThat(verified.status()).isEqualTo(200);
        return verified.text("token");
    }
}
