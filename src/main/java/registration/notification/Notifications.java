package registration.notification;

import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one way a feature sends a message: {@link #enqueue} renders it and records it in the outbox inside the
 * caller's transaction, so the message exists if and only if what caused it was committed. Delivery happens
 * after the commit, by {@link OutboxDispatcher}, retried until the provider accepts it.
 */
@Component
public class Notifications {

    private final Templates templates;
    private final Outbox outbox;
    private final DispatchSignal signal;

    Notifications(Templates templates, Outbox outbox, DispatchSignal signal) {
        this.templates = templates;
        this.outbox = outbox;
        this.signal = signal;
    }

    /**
     * Erases an address from the outbox (account deletion: no personal data stays behind). Messages still
     * waiting are delivered first and lose the address as they are marked sent.
     */
    public void forgetRecipient(String address) {
        outbox.forgetRecipient(address);
    }

    /**
     * @param purpose  names the template and subject: {@code email_verification}, {@code password_reset},
     *                 {@code contact_changed_notice}, … (see {@code notification-templates/})
     * @param model    template variables ({@code code}, {@code expires_in_minutes}, {@code customer}, …)
     */
    public void enqueue(Channel channel, String recipient, String purpose, Map<String, Object> model) {
        outbox.insert(channel, recipient, purpose, templates.render(purpose, channel, model));
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
