package registration.notification;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import registration.audit.AuditSettings;
import registration.audit.AuditedEvent;

/**
 * Queues what the store's events webhook receives, in the publisher's transaction: every {@link WebhookEvent},
 * and the audited events whose type {@code audit.webhook-types} lists ({@code data}: customer id, actor and the
 * event's masked details; never an identifier). An event that is both is sent once, in its webhook form.
 */
@Component
class EventsWebhook {

    private final Notifications notifications;
    private final AuditSettings audit;

    EventsWebhook(Notifications notifications, AuditSettings audit) {
        this.notifications = notifications;
        this.audit = audit;
    }

    @EventListener
    void on(WebhookEvent event) {
        notifications.queueEvent(event.webhookType(), event.webhookData());
    }

    @EventListener
    void on(AuditedEvent event) {
        if (event instanceof WebhookEvent || !audit.sentToWebhook(event.type())) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("customer_id", event.customerId());
        if (event.adminId() != null) {
            data.put("admin_id", event.adminId());
        }
        data.put("details", event.details());
        notifications.queueEvent(event.type(), data);
    }
}
