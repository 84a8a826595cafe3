package registration.notification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;

/** The {@code smtp} provider: mail through the standard {@code spring.mail.*} settings. */
class SmtpSender implements Sender {

    static {
        // Unnamed, Jakarta Mail finds its StreamProvider by a ServiceLoader scan of every jar, again for each part
        // of each message it writes (jakartaee/mail-api#861). Named, finding it is a class lookup. Angus Mail (the
        // implementation Boot ships, a runtime dependency) names its own; an operator's -D setting still wins.
        if (System.getProperty(StreamProvider.class.getName()) == null) {
            System.setProperty(StreamProvider.class.getName(), "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private final JavaMailSender mail;
    private final String from;

    SmtpSender(JavaMailSender mail, String from) {
        this.mail = mail;
        this.from = from;
    }

    @Override
    public void send(OutboxMessage m) throws Exception {
        mail.send(mime(m));
    }

    /**
     * One SMTP connection for the whole batch (Spring's multi-message send): the connection, greeting and TLS
     * handshake cost more than a short message does.
     */
    @Override
    public Map<OutboxMessage, Exception> sendAll(List<OutboxMessage> messages) {
        Map<OutboxMessage, Exception> failed = new LinkedHashMap<>();
        Map<MimeMessage, OutboxMessage> batch = new LinkedHashMap<>(); // MimeMessage compares by identity
        for (OutboxMessage m : messages) {
            try {
                batch.put(mime(m), m);
            } catch (MessagingException e) {
                failed.put(m, e);
            }
        }
        try {
            mail.send(batch.keySet().toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            // The messages the server refused, or all left when the connection failed. None listed: every message
            // went out and only closing the connection failed.
            e.getFailedMessages().forEach((mime, cause) -> failed.put(batch.get(mime), cause));
        } catch (MailException e) { // e.g. authentication refused: nothing went out
            batch.values().forEach(m -> failed.put(m, e));
        }
        return failed;
    }

    private MimeMessage mime(OutboxMessage m) throws MessagingException {
        MimeMessage message = mail.createMimeMessage();
        var helper = new MimeMessageHelper(message, "UTF-8");
        helper.setFrom(from);
        helper.setTo(m.recipient());
        helper.setSubject(m.subject());
        helper.setText(m.body(), m.html());
        return message;
    }
}
