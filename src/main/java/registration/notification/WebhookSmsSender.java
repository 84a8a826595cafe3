package registration.notification;

import java.io.IOException;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/** The {@code webhook} SMS provider: POSTs {@code {"to", "message", "purpose"}}, signed ({@link WebhookPost}). */
class WebhookSmsSender implements Sender {

    private final WebhookPost webhook;
    private final JsonMapper json;

    WebhookSmsSender(NotificationSettings.Webhook settings, JsonMapper json) {
        this.webhook = new WebhookPost(settings);
        this.json = json;
    }

    @Override
    public void send(OutboxMessage m) throws IOException, InterruptedException, SendFailure {
        webhook.post(json.writeValueAsBytes(Map.of("to", m.recipient(), "message", m.body(), "purpose", m.purpose())), m.id());
    }
}
