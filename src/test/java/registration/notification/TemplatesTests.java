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
    void greetsByNameOnlyWhenThereIsOneAndNeverWithAnEmptyName() {
        var templates = new Templates(settings(NONE));
        java.util.Map<String, Object> noName = new java.util.HashMap<>();
        noName.put("first_name", null);
        for (String purpose : new String[] {"account_deletion_request", "account_deletion_cancel", "password_reset",
                "password_changed_notice", "contact_changed_notice", "account_deletion_scheduled_notice",
                "account_deletion_cancelled_notice", "phone_verification"}) {
            assertThat(templates.render(purpose, Channel.EMAIL, Map.of("customer", noName)).body()).as(purpose)
                    .startsWith("Hello,\n");
            assertThat(templates.render(purpose, Channel.EMAIL, Map.of()).body()).as(purpose).startsWith("Hello,\n");
            assertThat(templates.render(purpose, Channel.EMAIL, Map.of("customer", Map.of("first_name", "Ada"))).body())
                    .as(purpose).startsWith("Hello Ada,\n");
        }
    }

    @Test
    void messagesToAddressesNotYetProvenNeverGreetByName() {
        var templates = new Templates(settings(NONE));
        for (String purpose : new String[] {"email_verification", "contact_change"}) {
            assertThat(templates.render(purpose, Channel.EMAIL, Map.of("customer", Map.of("first_name", "Ada"))).body())
                    .as(purpose).startsWith("Hello,\n").doesNotContain("Ada");
        }
    }

    @Test
    void theDeletionNoticeLinksToTheStorefrontAndNoMessageNamesAnApiPath() {
        var templates = new Templates(settings(NONE));
        for (Channel channel : new Channel[] {Channel.EMAIL, Channel.SMS}) {
            assertThat(templates.render("account_deletion_scheduled_notice", channel, Map.of("scheduled_for", "2026-12-10")).body())
                    .as(channel.toString()).contains("https://shop.example.com/account");
        }
        for (String purpose : new String[] {"email_verification", "phone_verification", "contact_change", "password_reset",
                "account_deletion_request", "account_deletion_cancel", "contact_changed_notice", "password_changed_notice",
                "account_deletion_scheduled_notice", "account_deletion_cancelled_notice"}) {
            for (Channel channel : new Channel[] {Channel.EMAIL, Channel.SMS}) {
                assertThat(templates.render(purpose, channel, Map.of()).body()).as(purpose + "/" + channel)
                        .doesNotContain("/store/").doesNotContain("/auth/").doesNotContain("POST ");
            }
        }
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
        return new MessageSettings(emailVerification, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
                "https://shop.example.com/");
    }
}
