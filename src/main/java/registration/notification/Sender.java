package registration.notification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Delivers messages through one provider. Throwing means "not delivered, try again later". */
interface Sender {

    void send(OutboxMessage message) throws Exception;

    /**
     * Delivers {@code messages} in order; the answer holds each one not delivered, with why. A provider that
     * can carry several messages over one connection (SMTP) does so.
     */
    default Map<OutboxMessage, Exception> sendAll(List<OutboxMessage> messages) {
        Map<OutboxMessage, Exception> failed = new LinkedHashMap<>();
        for (OutboxMessage message : messages) {
            if (Thread.currentThread().isInterrupted()) { // shutting down: the rest are released for a retry
                failed.put(message, new InterruptedException("shutting down"));
                continue;
            }
            try {
                send(message);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                failed.put(message, e);
            }
        }
        return failed;
    }
}
