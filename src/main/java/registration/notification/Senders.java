package registration.notification;

import java.time.Clock;

import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import registration.identifier.PhoneNumbers;
import registration.keys.ServiceKeys;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configured provider of each channel, built and checked at start-up: a provider that lacks its
 * settings stops the service naming the missing key. A real SMS provider without a region allow-list is
 * allowed but warned about: any country may then be texted, premium-rate ones included (SMS pumping).
 */
@Component
class Senders {

    private final Sender email;
    private final Sender sms;
    private final Sender events; // null: no events webhook configured

    Senders(NotificationSettings settings, ObjectProvider<JavaMailSender> mail, JsonMapper json, PhoneNumbers phones,
            ServiceKeys keys, Clock clock) {
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
                yield new WebhookSmsSender(smsSettings.webhook(), json, keys, clock);
            }
            case TWILIO -> {
                require(smsSettings.twilio().accountSid(), "customer-registration.notifications.sms.twilio.account-sid");
                require(smsSettings.twilio().authToken(), "customer-registration.notifications.sms.twilio.auth-token");
                require(smsSettings.twilio().from(), "customer-registration.notifications.sms.twilio.from");
                yield new TwilioSmsSender(smsSettings.twilio());
            }
        };
        if (smsSettings.provider() != NotificationSettings.SmsProvider.LOG && !phones.restrictsSmsRegions()) {
            LoggerFactory.getLogger(Senders.class).warn("SMS go out through the {} provider to any country: set "
                    + "customer-registration.phone.sms-regions to the countries your customers live in (SMS pumping "
                    + "fraud sends codes to premium-rate numbers abroad at the store's cost)",
                    smsSettings.provider().name().toLowerCase());
        }
        String eventsUrl = settings.events().url();
        this.events = eventsUrl == null || eventsUrl.isBlank() ? null : new EventWebhookSender(settings.events(), keys, clock);
    }

    Sender of(Channel channel) {
        return switch (channel) {
            case EMAIL -> email;
            case SMS -> sms;
            // Queued while a webhook was configured, now unset: the operator no longer wants them (no body in the log).
            case EVENT -> events != null ? events
                    : m -> LoggerFactory.getLogger(Senders.class).warn("Dropping event {} {}: {}.events.url is not set",
                            m.purpose(), m.id(), "customer-registration.notifications");
        };
    }

    boolean eventsEnabled() {
        return events != null;
    }

    private static void require(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(key + " must be set for this notification provider");
        }
    }
}
