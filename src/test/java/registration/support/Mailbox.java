package registration.support;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.test.context.TestComponent;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server (GreenMail) that the application sends mail to, one per test JVM. Tests read what
 * arrived for an address — most often the code — waiting for the outbox dispatcher to deliver it.
 */
@TestComponent
public class Mailbox {

    /** How a code appears in every default template: "code: 123456" / "code is 123456". */
    private static final Pattern LINK_TOKEN = Pattern.compile("[?&](?:amp;)?token=([A-Za-z0-9._%-]+)");
    public static final Pattern CODE = Pattern.compile("(?i)code(?: is)?:?\\s*([0-9A-Z]{4,12})\\b");

    private static GreenMail greenMail;
    private static int stoppedPort;

    static synchronized int smtpPort() {
        if (greenMail == null) {
            greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            greenMail.start();
        }
        return greenMail.getSmtp().getPort();
    }

    /** Stops the SMTP server (end of the test session). */
    static synchronized void stop() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }

    /** Stops the SMTP server, as an outage of the mail provider: connections are refused until {@link #startServer}. */
    public void stopServer() {
        synchronized (Mailbox.class) {
            smtpPort();
            stoppedPort = greenMail.getSmtp().getPort();
            greenMail.stop();
        }
    }

    /** Starts the SMTP server again on the port it had (what it received before the outage is gone). */
    public void startServer() {
        synchronized (Mailbox.class) {
            greenMail = new GreenMail(new ServerSetup(stoppedPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            greenMail.start();
        }
    }

    /** Every message received so far for {@code address}, oldest first. */
    public List<MimeMessage> messagesFor(String address) {
        smtpPort();
        return Arrays.stream(greenMail.getReceivedMessages())
                .filter(m -> recipients(m).contains(address.toLowerCase()))
                .toList();
    }

    /** Waits (up to 10 s) until {@code address} has received {@code count} messages; returns the last. */
    public MimeMessage awaitMessage(String address, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<MimeMessage> messages = messagesFor(address);
            if (messages.size() >= count) {
                return messages.get(count - 1);
            }
            sleep();
        }
        throw new AssertionError("No message #" + count + " arrived for " + address + " within 10 s");
    }

    /** The code in the newest message for {@code address}, waiting for one to arrive. */
    public String lastCode(String address) {
        awaitMessage(address, 1);
        List<MimeMessage> messages = messagesFor(address);
        return code(body(messages.get(messages.size() - 1)))
                .orElseThrow(() -> new AssertionError("The last message for " + address + " carries no code"));
    }

    /** The code in the {@code n}-th (1-based) message for {@code address}, waiting for it to arrive. */
    public String code(String address, int n) {
        return code(body(awaitMessage(address, n)))
                .orElseThrow(() -> new AssertionError("Message #" + n + " for " + address + " carries no code"));
    }

    public static String body(MimeMessage message) {
        return GreenMailUtil.getBody(message);
    }

    /** The decoded text of a message (quoted-printable and multipart undone), where a long URL is in one piece. */
    public static String text(MimeMessage message) {
        try {
            return text(message.getContent());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Object content) throws Exception {
        if (content instanceof Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(text(multipart.getBodyPart(i).getContent())).append('\n');
            }
            return all.toString();
        }
        return String.valueOf(content);
    }

    /** The {@code token} query parameter (URL-decoded) of the link in the {@code n}-th message for {@code address}. */
    public String linkToken(String address, int n) {
        String text = text(awaitMessage(address, n));
        Matcher token = LINK_TOKEN.matcher(text);
        if (!token.find()) {
            throw new AssertionError("Message #" + n + " for " + address + " carries no link with a token: " + text);
        }
        return java.net.URLDecoder.decode(token.group(1), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Optional<String> code(String text) {
        Matcher m = CODE.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static List<String> recipients(MimeMessage m) {
        try {
            return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(a -> a.toString().toLowerCase()).toList();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
