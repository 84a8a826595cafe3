package registration.notification;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * The configured provider of each channel, built and checked at start-up: a provider that lacks its
 * settings stops the service naming the missing key.
 */
@Component
class Senders {

    private final Sender email;
    private final Sender sms;

    Senders(NotificationSettings settings, ObjectProvider<JavaMailSender> mail, JsonMapper json) {
        this.email = switch (settings.email().provider()) {
            case LOG -> new LogSender();
            case SMTP -> new SmtpSender(mail.getIfAvailable(() -> {
                throw new IllegalStateException("customer-registration.notifications.email.provider=smtp needs spring.mail.host");
            }), settings.email().from());
        };
        var smsSettings = settings.sms();
        this.sms = switch (smsSettings.provider()) {
            case LOG -> new LogSender();
            case WEBHOOK -> {
                require(smsSettings.webhook().url(), "customer-registration.notifications.sms.webhook.url");
                yield new WebhookSmsSender(smsSettings.webhook(), json);
            }
            case TWILIO -> {
                require(smsSettings.twilio().accountSid(), "customer-registration.notifications.sms.twilio.account-sid");
                require(smsSettings.twilio().authToken(), "customer-registration.notifications.sms.twilio.auth-token");
                require(smsSettings.twilio().from(), "customer-registration.notifications.sms.twilio.from");
                yield new TwilioSmsSender(smsSettings.twilio());
            }
        };
    }

    Sender of(Channel channel) {
        return channel == Channel.EMAIL ? email : sms;
    }

    private static void require(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(key + " must be set for this notification provider");
        }
    }
}
