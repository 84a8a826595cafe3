package registration.notification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Delivers messages through one provider. Throwing means "not delivered"; {@link SendFailure#of} tells whether
 * the recipient or the provider is to blame.
 */
interface Sender {

    void send(OutboxMessage message) throws Exception;

    /**
     * Delivers {@code messages} in order; the answer holds each one not delivered, with why. {@code accepted}
     * hears of each message as soon as the provider accepted it, before the next one goes out, so that the
     * dispatcher records it sent at once: a crash mid-batch then re-sends at most the message on the wire, not
     * the batch. A provider that can carry several messages over one connection (SMTP) does so. Once the
     * provider itself has failed, the rest are not tried (each would wait for the same timeout) and come back
     * with that failure.
     */
    default Map<OutboxMessage, Exception> sendAll(List<OutboxMessage> messages, Consumer<OutboxMessage> accepted) {
        Map<OutboxMessage, Exception> failed = new LinkedHashMap<>();
        Exception providerDown = null;
        for (OutboxMessage message : messages) {
            if (Thread.currentThread().isInterrupted()) { // shutting down: the rest are released for a retry
                failed.put(message, new InterruptedException("shutting down"));
                continue;
            }
            if (providerDown != null) {
                failed.put(message, providerDown);
                continue;
            }
            try {
                send(message);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                } else if (SendFailure.of(e).kind() == SendFailure.Kind.PROVIDER) {
                    providerDown = e;
                }
                failed.put(message, e);
                continue;
            }
            accepted.accept(message);
        }
        return failed;
    }
}
