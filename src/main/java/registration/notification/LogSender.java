package registration.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code log} provider (the zero-configuration default, for development): writes the message — code
 * included, that is its point — to the log instead of sending it. The recipient is masked.
 */
class LogSender implements Sender {

    private static final Logger log = LoggerFactory.getLogger(LogSender.class);

    @Override
    public void send(OutboxMessage m) {
        log.info("[{} to {}] {}{}", m.channel(), mask(m.recipient()), m.subject() == null || m.channel() == Channel.SMS
                ? "" : m.subject() + "\n", m.body());
    }

    private static String mask(String recipient) {
        int at = recipient.indexOf('@');
        if (at > 0) {
            return recipient.charAt(0) + "***" + recipient.substring(at);
        }
        return recipient.length() <= 4 ? "****" : recipient.substring(0, 4) + "****" + recipient.substring(recipient.length() - 2);
    }
}
