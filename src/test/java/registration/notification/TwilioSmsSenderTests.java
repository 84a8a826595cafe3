package registration.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** The Twilio-compatible provider against a real local HTTP server speaking Twilio's Messages API. */
class TwilioSmsSenderTests {

    private HttpServer server;
    private final AtomicReference<String> path = new AtomicReference<>();
    private final AtomicReference<String> auth = new AtomicReference<>();
    private final AtomicReference<String> form = new AtomicReference<>();
    private volatile int status = 201;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            path.set(exchange.getRequestURI().getPath());
            auth.set(exchange.getRequestHeaders().getFirst("Authorization"));
            form.set(URLDecoder.decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void postsToTheMessagesResourceWithBasicAuth() throws Exception {
        sender().send(message());
        assertThat(path.get()).isEqualTo("/2010-04-01/Accounts/AC123/Messages.json");
        assertThat(auth.get()).isEqualTo("Basic " + Base64.getEncoder().encodeToString("AC123:tok".getBytes()));
        assertThat(form.get()).contains("To=+14155552671").contains("From=+15005550006").contains("Body=code: 123456");
    }

    @Test
    void aRefusalIsAFailureToRetry() {
        status = 503;
        assertThatThrownBy(() -> sender().send(message())).hasMessageContaining("503");
    }

    private TwilioSmsSender sender() {
        return new TwilioSmsSender(new NotificationSettings.Twilio("AC123", "tok", "+15005550006",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/", Duration.ofSeconds(5)));
    }

    private static OutboxMessage message() {
        return new OutboxMessage("msg_1", Channel.SMS, "+14155552671", "phone_verification", null, "code: 123456", false, 0, "t");
    }
}
