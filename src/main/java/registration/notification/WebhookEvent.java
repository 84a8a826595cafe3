package registration.notification;

import java.util.Map;

/**
 * A past-tense event record the store's events webhook receives ({@code notifications.events.url}). The feature
 * publishes it with {@code ApplicationEventPublisher} inside its transaction; {@link EventsWebhook} queues it in
 * the outbox in that transaction. Types on the wire: {@code customer.created}, {@code customer.contact_changed},
 * {@code account_deletion.scheduled}, {@code account_deletion.cancelled}, {@code account_deletion.completed}.
 */
public interface WebhookEvent {

    /** The {@code type} of the webhook body. */
    String webhookType();

    /** The {@code data} of the webhook body. */
    Map<String, Object> webhookData();
}
