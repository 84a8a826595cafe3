package registration.notification;

import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * The one way a feature sends a message: {@link #enqueue} records it in the outbox inside the caller's
 * transaction; the outbox dispatcher delivers it afterwards (retried until sent).
 */
@Component
public class Notifications {

    /**
     * @param purpose  names the template and subject (e.g. {@code email_verification})
     * @param model    template variables ({@code code}, {@code expires_in_minutes}, {@code customer}, …)
     */
    public void enqueue(Channel channel, String recipient, String purpose, Map<String, Object> model) {
        throw new UnsupportedOperationException("outbox not built yet (issue 3)");
    }
}
