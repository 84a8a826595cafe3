package registration.notification;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;

import registration.keys.ServiceKeys;

import tools.jackson.databind.json.JsonMapper;

/** The {@code webhook} SMS provider: POSTs {@code {"to", "message", "purpose"}}, signed ({@link WebhookPost}). */
class WebhookSmsSender implements Sender {

    private final WebhookPost webhook;
    private final JsonMapper json;

    WebhookSmsSender(NotificationSettings.Webhook settings, JsonMapper json, ServiceKeys keys, Clock clock) {
        this.webhook = new WebhookPost(settings, WebhookPost.SMS, keys, clock);
        this.json = json;
    }

    @Override
    public void send(OutboxMessage m) throws IOException, InterruptedException, SendFailure {
        webhook.post(json.writeValueAsBytes(Map.of("to", m.recipient(), "message", m.body(), "purpose", m.purpose())), m.id());
    }
}
