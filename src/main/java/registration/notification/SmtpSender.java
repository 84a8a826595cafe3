package registration.notification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
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
    private final String messageIdDomain;

    SmtpSender(JavaMailSender mail, String from) {
        this.mail = mail;
        this.from = from;
        String address = from == null ? "" : from.replaceAll(".*<|>.*", "");
        this.messageIdDomain = address.contains("@") ? address.substring(address.lastIndexOf('@') + 1) : "customer-registration.invalid";
    }

    @Override
    public void send(OutboxMessage m) throws Exception {
        mail.send(mime(m));
    }

    /**
     * One SMTP connection for the whole batch: the connection, greeting and TLS handshake cost more than a short
     * message does. Each message is reported {@code accepted} as soon as the server took it (Spring's multi-message
     * send reports only when the whole batch is done, so a crash mid-batch would re-send all of it).
     */
    @Override
    public Map<OutboxMessage, Exception> sendAll(List<OutboxMessage> messages, Consumer<OutboxMessage> accepted) {
        if (!(mail instanceof JavaMailSenderImpl smtp)) {
            return Sender.super.sendAll(messages, accepted);
        }
        Map<OutboxMessage, Exception> failed = new LinkedHashMap<>();
        Map<MimeMessage, OutboxMessage> batch = new LinkedHashMap<>(); // MimeMessage compares by identity
        for (OutboxMessage m : messages) {
            try {
                batch.put(mime(m), m);
            } catch (MessagingException e) {
                failed.put(m, e);
            }
        }
        if (batch.isEmpty()) {
            return failed;
        }
        Transport transport;
        try {
            transport = connect(smtp);
        } catch (MessagingException e) { // unreachable, or authentication refused: nothing went out
            batch.values().forEach(m -> failed.put(m, e));
            return failed;
        }
        try {
            Exception providerDown = null;
            for (Map.Entry<MimeMessage, OutboxMessage> entry : batch.entrySet()) {
                OutboxMessage m = entry.getValue();
                if (Thread.currentThread().isInterrupted()) { // shutting down: the rest are released for a retry
                    failed.put(m, new InterruptedException("shutting down"));
                    continue;
                }
                if (providerDown != null) {
                    failed.put(m, providerDown);
                    continue;
                }
                try {
                    MimeMessage mime = entry.getKey();
                    transport.sendMessage(mime, mime.getAllRecipients());
                } catch (MessagingException e) {
                    failed.put(m, e);
                    if (SendFailure.of(e).kind() == SendFailure.Kind.PROVIDER) {
                        providerDown = e; // the connection is gone or the server fails: the rest would wait as long
                    }
                    continue;
                }
                accepted.accept(m);
            }
        } finally {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // every message was accepted or refused already; only the QUIT failed
            }
        }
        return failed;
    }

    /** As {@link JavaMailSenderImpl} connects: its session (spring.mail.properties), protocol, host, port and login. */
    private static Transport connect(JavaMailSenderImpl smtp) throws MessagingException {
        String username = "".equals(smtp.getUsername()) ? null : smtp.getUsername();
        String password = username == null && "".equals(smtp.getPassword()) ? null : smtp.getPassword();
        Transport transport = smtp.getSession().getTransport(smtp.getProtocol() == null ? "smtp" : smtp.getProtocol());
        transport.connect(smtp.getHost(), smtp.getPort(), username, password);
        return transport;
    }

    private MimeMessage mime(OutboxMessage m) throws MessagingException {
        MimeMessage message = mail.createMimeMessage();
        var helper = new MimeMessageHelper(message, "UTF-8");
        helper.setFrom(from);
        helper.setTo(m.recipient());
        helper.setSubject(m.subject());
        helper.setText(m.body(), m.html());
        message.setSentDate(new java.util.Date());
        message.saveChanges();
        // The outbox id as Message-ID, also when a crash makes us send it again: the one idempotency key SMTP has
        // (receiving systems and mail clients may fold copies with the same id). saveChanges would replace it.
        message.setHeader("Message-ID", "<" + m.id() + "@" + messageIdDomain + ">");
        return message;
    }
}
