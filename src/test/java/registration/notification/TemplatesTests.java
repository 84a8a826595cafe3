package registration.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import registration.notification.MessageSettings.Message;

class TemplatesTests {

    private static final Message NONE = new Message(null, null);

    @Test
    void everyPurposeHasADefaultForBothChannelsThatShowsTheCode() {
        var templates = new Templates(settings(NONE));
        for (String purpose : new String[] {"email_verification", "phone_verification", "contact_change",
                "account_deletion_request", "account_deletion_cancel"}) {
            for (Channel channel : new Channel[] {Channel.EMAIL, Channel.SMS}) {
                var rendered = templates.render(purpose, channel, Map.of("code", "A7K9Q2", "expires_in_minutes", 15));
                assertThat(rendered.body()).as(purpose + "/" + channel).contains("code: A7K9Q2");
            }
        }
        assertThat(templates.render("password_reset", Channel.EMAIL, Map.of("reset_url", "https://s/reset-password?token=t")).body())
                .contains("https://s/reset-password?token=t");
        assertThat(templates.render("email_verification", Channel.EMAIL, Map.of()).subject()).isEqualTo("Verify your email");
    }

    @Test
    void aConfiguredFileReplacesTheDefaultAndAnHtmlFileIsEscapedHtml(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("verify.html");
        Files.writeString(file, "<p>Hi {{customer.first_name}}, your code is <b>{{code}}</b></p>");
        var templates = new Templates(settings(new Message(file.toString(), "Bitte bestätigen")));

        var rendered = templates.render("email_verification", Channel.EMAIL,
                Map.of("code", "123456", "customer", Map.of("first_name", "<script>")));
        assertThat(rendered.html()).isTrue();
        assertThat(rendered.subject()).isEqualTo("Bitte bestätigen");
        assertThat(rendered.body()).isEqualTo("<p>Hi &lt;script&gt;, your code is <b>123456</b></p>");
    }

    @Test
    void aMissingTemplateFileStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> new Templates(settings(new Message("/no/such/file.mustache", null))))
                .hasMessageContaining("customer-registration.email-verification.template");
    }

    private static MessageSettings settings(Message emailVerification) {
        return new MessageSettings(emailVerification, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE);
    }
}
