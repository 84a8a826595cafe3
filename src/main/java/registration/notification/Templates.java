package registration.notification;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

/**
 * The Mustache template and subject of each message purpose. Every purpose ships a default per channel
 * ({@code notification-templates/<purpose>.<email|sms>.mustache}); a configured {@code template} path
 * replaces it for every channel (a {@code .html} file is sent as HTML mail, with values HTML-escaped).
 * Everything is loaded at start-up, so a missing file stops the service naming its key.
 */
@Component
class Templates {

    record Rendered(String subject, String body, boolean html) {
        @Override
        public String toString() {
            return "Rendered[" + subject + "]";
        }
    }

    private record Entry(Template template, String subject, boolean html) {
    }

    private static final Map<String, String> DEFAULT_SUBJECTS = Map.ofEntries(
            Map.entry("email_verification", "Verify your email"),
            Map.entry("phone_verification", "Verify your phone number"),
            Map.entry("contact_change", "Confirm your new contact details"),
            Map.entry("password_reset", "Reset your password"),
            Map.entry("account_deletion_request", "Confirm your account deletion request"),
            Map.entry("account_deletion_cancel", "Confirm cancellation of account deletion"),
            Map.entry("contact_changed_notice", "Your contact details were changed"),
            Map.entry("password_changed_notice", "Your password was changed"),
            Map.entry("account_deletion_scheduled_notice", "Your account is scheduled for deletion"),
            Map.entry("account_deletion_cancelled_notice", "Your account deletion was cancelled"),
            Map.entry("otp_locked_notice", "Too many wrong codes were entered"));

    private final Map<String, Entry> entries = new HashMap<>();
    private final String storefrontUrl;

    Templates(MessageSettings settings) {
        this.storefrontUrl = settings.storefrontUrl().replaceAll("/+$", "");
        Map<String, MessageSettings.Message> configured = Map.ofEntries(
                Map.entry("email_verification", settings.emailVerification()),
                Map.entry("phone_verification", settings.phoneVerification()),
                Map.entry("contact_change", settings.contactChange()),
                Map.entry("password_reset", settings.passwordReset()),
                Map.entry("account_deletion_request", settings.accountDeletionRequest()),
                Map.entry("account_deletion_cancel", settings.accountDeletionCancel()),
                Map.entry("contact_changed_notice", settings.contactChangedNotice()),
                Map.entry("password_changed_notice", settings.passwordChangedNotice()),
                Map.entry("account_deletion_scheduled_notice", settings.accountDeletionScheduledNotice()),
                Map.entry("account_deletion_cancelled_notice", settings.accountDeletionCancelledNotice()),
                Map.entry("otp_locked_notice", settings.otpLockedNotice()));
        configured.forEach((purpose, message) -> {
            String subject = message.subject() != null ? message.subject() : DEFAULT_SUBJECTS.get(purpose);
            for (Channel channel : new Channel[] {Channel.EMAIL, Channel.SMS}) { // events are JSON, not templates
                entries.put(key(purpose, channel), load(purpose, channel, message.template(), subject));
            }
        });
    }

    Rendered render(String purpose, Channel channel, Map<String, Object> model) {
        Entry entry = entries.get(key(purpose, channel));
        if (entry == null) {
            throw new IllegalArgumentException("No template for message purpose " + purpose);
        }
        // Messages link to the storefront, never to API paths a customer cannot use (issue 16, "Messages").
        Map<String, Object> withStorefront = new HashMap<>(model);
        withStorefront.putIfAbsent("storefront_url", storefrontUrl);
        return new Rendered(entry.subject(), entry.template().execute(withStorefront).strip(), entry.html());
    }

    private static Entry load(String purpose, Channel channel, String path, String subject) {
        boolean html = path != null && path.toLowerCase(Locale.ROOT).endsWith(".html");
        var compiler = Mustache.compiler().defaultValue("").escapeHTML(html);
        if (path != null && !path.isBlank()) {
            try {
                return new Entry(compiler.compile(Files.readString(Path.of(path))), subject, html);
            } catch (IOException e) {
                throw new IllegalStateException("customer-registration." + purpose.replace('_', '-')
                        + ".template: cannot read " + path, e);
            }
        }
        String resource = "notification-templates/" + purpose + "." + channel.name().toLowerCase(Locale.ROOT) + ".mustache";
        try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing shipped template " + resource);
            }
            return new Entry(compiler.compile(new String(in.readAllBytes(), StandardCharsets.UTF_8)), subject, false);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read shipped template " + resource, e);
        }
    }

    private static String key(String purpose, Channel channel) {
        return purpose + "/" + channel;
    }
}
