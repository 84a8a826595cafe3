package registration.notification;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import registration.keys.ServiceKeys;

/** Delivers an event: its JSON ({@link Notifications#queueEvent}) as the body, signed ({@link WebhookPost}). */
class EventWebhookSender implements Sender {

    private final WebhookPost webhook;

    EventWebhookSender(NotificationSettings.Webhook settings, ServiceKeys keys, Clock clock) {
        this.webhook = new WebhookPost(settings, WebhookPost.EVENTS, keys, clock);
    }

    @Override
    public void send(OutboxMessage m) throws IOException, InterruptedException, SendFailure {
        try {
            webhook.post(m.body().getBytes(StandardCharsets.UTF_8), m.id());
        } catch (SendFailure failure) {
            // An event has no recipient of its own: a missing endpoint (404, 410) is the store's webhook being
            // down or misconfigured, retried until the horizon like an outage, not a reason to drop the event.
            if (failure.getMessage().endsWith(" 404") || failure.getMessage().endsWith(" 410")) {
                throw new SendFailure(SendFailure.Kind.PROVIDER, failure.getMessage());
            }
            throw failure;
        }
    }
}
