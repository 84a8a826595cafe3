package registration.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.github.f4b6a3.ulid.UlidCreator;

import tools.jackson.databind.json.JsonMapper;

/**
 * The one way a feature sends a message: {@link #enqueue} renders it and records it in the outbox inside the
 * caller's transaction, so the message exists if and only if what caused it was committed. Delivery happens
 * after the commit, by {@link OutboxDispatcher}, retried until the provider accepts it or it is given up (a
 * message carrying a code when the code expires, a notice after {@code dispatch.horizon}).
 */
@Component
public class Notifications {

    private final Templates templates;
    private final Outbox outbox;
    private final DispatchSignal signal;
    private final Senders senders;
    private final JsonMapper json;
    private final SendBudgets budgets;
    private final DeliveryMetrics metrics;
    private final Clock clock;

    Notifications(Templates templates, Outbox outbox, DispatchSignal signal, Senders senders, JsonMapper json,
                  SendBudgets budgets, DeliveryMetrics metrics, Clock clock) {
        this.templates = templates;
        this.outbox = outbox;
        this.signal = signal;
        this.senders = senders;
        this.json = json;
        this.budgets = budgets;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Erases an address from the outbox (account deletion: no personal data stays behind). Messages still
     * waiting are delivered first and lose the address as they are marked sent; those its recipient has already
     * refused are given up now, address and payload erased.
     */
    public void forgetRecipient(String address) {
        outbox.abandonFailing(address).forEach(m -> metrics.abandoned(m.channel(), m.purpose(), "forgotten"));
        outbox.forgetRecipient(address);
    }

    /**
     * Queues a message. One whose model carries a {@code code} or a {@code reset_url} carries a code: the caller
     * has asked {@link SendBudgets#tryReserveCode} first, and the message dies when the code does (after
     * {@code expires_in_minutes}, when the model says). Any other message is a notice: by SMS it is queued only to
     * a country of {@code phone.sms-regions} and within the SMS country and global budgets, else dropped
     * silently (counted, logged without the number) — never an error for the request that caused it.
     *
     * @param purpose  names the template and subject: {@code email_verification}, {@code password_reset},
     *                 {@code contact_changed_notice}, … (see {@code notification-templates/})
     * @param model    template variables ({@code code}, {@code expires_in_minutes}, {@code customer}, …)
     */
    public void enqueue(Channel channel, String recipient, String purpose, Map<String, Object> model) {
        enqueue(channel, recipient, purpose, model, codeExpiry(model));
    }

    /**
     * As {@link #enqueue(Channel, String, String, Map)}, for a message carrying a code that expires at
     * {@code expiresAt}: not delivered after it (null: a notice, unless the model carries a code).
     */
    public void enqueue(Channel channel, String recipient, String purpose, Map<String, Object> model, Instant expiresAt) {
        boolean carriesCode = expiresAt != null || model.containsKey("code") || model.containsKey("reset_url");
        if (!carriesCode && !budgets.admitNotice(channel, recipient, purpose)) {
            return;
        }
        outbox.insert(channel, recipient, purpose, templates.render(purpose, channel, model), expiresAt);
        wakeAfterCommit();
    }

    private Instant codeExpiry(Map<String, Object> model) {
        if ((model.containsKey("code") || model.containsKey("reset_url"))
                && model.get("expires_in_minutes") instanceof Number minutes) {
            return clock.instant().plusSeconds(Math.round(minutes.doubleValue() * 60));
        }
        return null;
    }

    /**
     * Queues an event for the store's events webhook ({@code notifications.events.url}; nothing without one)
     * in the caller's transaction: {@code {id, type, occurred_at, data}}, delivered at least once, signed.
     * Features do not call this: they publish a {@link WebhookEvent}, which {@link EventsWebhook} queues.
     */
    void queueEvent(String type, Map<String, Object> data) {
        if (!senders.eventsEnabled()) {
            return;
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", "evt_" + UlidCreator.getMonotonicUlid());
        event.put("type", type);
        event.put("occurred_at", clock.instant());
        event.put("data", data);
        outbox.insert(Channel.EVENT, "events", type, new Templates.Rendered("", json.writeValueAsString(event), false), null);
        wakeAfterCommit();
    }

    private void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    signal.wake();
                }
            });
        } else {
            signal.wake();
        }
    }
}
