package registration.notification;

import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

import jakarta.mail.internet.MimeMessage;

/** The {@code smtp} provider: mail through the standard {@code spring.mail.*} settings. */
class SmtpSender implements Sender {

    private final JavaMailSender mail;
    private final String from;

    SmtpSender(JavaMailSender mail, String from) {
        this.mail = mail;
        this.from = from;
    }

    @Override
    public void send(OutboxMessage m) throws Exception {
        MimeMessage message = mail.createMimeMessage();
        var helper = new MimeMessageHelper(message, "UTF-8");
        helper.setFrom(from);
        helper.setTo(m.recipient());
        helper.setSubject(m.subject());
        helper.setText(m.body(), m.html());
        mail.send(message);
    }
}
