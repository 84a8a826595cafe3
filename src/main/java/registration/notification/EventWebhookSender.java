package registration.notification;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Delivers an event: its JSON ({@link Notifications#publishEvent}) as the body, signed ({@link WebhookPost}). */
class EventWebhookSender implements Sender {

    private final WebhookPost webhook;

    EventWebhookSender(NotificationSettings.Webhook settings) {
        this.webhook = new WebhookPost(settings);
    }

    @Override
    public void send(OutboxMessage m) throws IOException, InterruptedException {
        webhook.post(m.body().getBytes(StandardCharsets.UTF_8));
    }
}
