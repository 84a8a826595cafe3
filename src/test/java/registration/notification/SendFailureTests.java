package registration.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;

import org.junit.jupiter.api.Test;
import org.springframework.mail.MailAuthenticationException;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** Who is to blame for a failed send decides what it costs (SPEC §11 "Delivery"); the description never names the recipient. */
class SendFailureTests {

    @Test
    void webhookAnswersAboutTheRecipientAbandonOrRetryAndAnswersAboutTheProviderPause() {
        for (int status : new int[] {400, 404, 410, 422}) {
            assertThat(SendFailure.ofHttpStatus("Webhook", status).kind()).as("%d", status).isEqualTo(SendFailure.Kind.REJECTED);
        }
        for (int status : new int[] {401, 403, 407, 408, 429, 500, 502, 503, 504}) {
            assertThat(SendFailure.ofHttpStatus("Webhook", status).kind()).as("%d", status).isEqualTo(SendFailure.Kind.PROVIDER);
        }
        assertThat(SendFailure.ofHttpStatus("Twilio", 409).kind()).isEqualTo(SendFailure.Kind.RECIPIENT_TEMPORARY);
        assertThat(SendFailure.ofHttpStatus("Twilio", 400).getMessage()).isEqualTo("Twilio answered 400");
    }

    @Test
    void anAddressTheMailLibraryRefusesIsRejectedWithoutQuotingIt() {
        SendFailure failure = SendFailure.of(new AddressException("Missing '\"'", "x\"y@evil.tld"));
        assertThat(failure.kind()).isEqualTo(SendFailure.Kind.REJECTED);
        assertThat(failure.getMessage()).doesNotContain("evil");
    }

    @Test
    void anSmtpRefusalOfTheRecipientIsRejectedAndATemporaryOneRetried() throws Exception {
        Address victim = new InternetAddress("someone@example.com");
        var refused = new SendFailedException("550 5.1.1 <someone@example.com>: Recipient address rejected", null,
                new Address[0], new Address[0], new Address[] {victim});
        assertThat(SendFailure.of(refused).kind()).isEqualTo(SendFailure.Kind.REJECTED);
        assertThat(SendFailure.of(refused).getMessage()).doesNotContain("someone");

        var busy = new SendFailedException("450 4.2.1 mailbox busy", null, new Address[0], new Address[] {victim}, new Address[0]);
        assertThat(SendFailure.of(busy).kind()).isEqualTo(SendFailure.Kind.RECIPIENT_TEMPORARY);
    }

    @Test
    void anUnreachableOrRefusingProviderIsTheProvidersFailure() {
        assertThat(SendFailure.of(new ConnectException("Connection refused")).kind()).isEqualTo(SendFailure.Kind.PROVIDER);
        assertThat(SendFailure.of(new HttpConnectTimeoutException("timed out")).kind()).isEqualTo(SendFailure.Kind.PROVIDER);
        assertThat(SendFailure.of(new MessagingException("Could not connect", new ConnectException())).kind())
                .isEqualTo(SendFailure.Kind.PROVIDER);
        assertThat(SendFailure.of(new MailAuthenticationException("535 bad credentials")).kind()).isEqualTo(SendFailure.Kind.PROVIDER);
    }
}
