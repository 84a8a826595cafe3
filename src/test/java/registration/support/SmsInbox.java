package registration.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.test.context.TestComponent;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server (the JDK's) acting as the SMS webhook, one per test JVM: it records every POSTed
 * {@code {to, message, purpose}} with its headers, and can be told to fail to simulate a provider outage, or
 * to refuse one number as a provider refuses a number it cannot text.
 */
@TestComponent
public class SmsInbox {

    public record Sms(String to, String message, String purpose, Map<String, List<String>> headers, String rawBody) {
    }

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final List<Sms> received = new CopyOnWriteArrayList<>();
    private static final AtomicBoolean down = new AtomicBoolean(false);
    private static final AtomicInteger downAnswers = new AtomicInteger();
    /** Numbers the webhook refuses: with which status, after how long, and how many times it did. */
    private static final Map<String, Refusal> refused = new ConcurrentHashMap<>();

    private record Refusal(int status, Duration after, AtomicInteger count) {
    }
    /** Numbers the webhook accepts only after a while (a slow provider). */
    private static final Map<String, Duration> slow = new ConcurrentHashMap<>();
    private static HttpServer server;
    private static ExecutorService executor;

    static synchronized String url() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/sms", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                int status;
                Refusal refusal = down.get() ? null : refused.get(json.readTree(body).path("to").asString());
                if (down.get()) {
                    downAnswers.incrementAndGet();
                    status = 503;
                } else if (refusal != null) {
                    refusal.count().incrementAndGet();
                    try {
                        Thread.sleep(refusal.after().toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    status = refusal.status();
                } else {
                    JsonNode node = json.readTree(body);
                    Duration delay = slow.get(node.path("to").asString());
                    if (delay != null) {
                        try {
                            Thread.sleep(delay.toMillis());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    received.add(new Sms(node.path("to").asString(), node.path("message").asString(),
                            node.path("purpose").asString(), Map.copyOf(exchange.getRequestHeaders()), new String(body)));
                    status = 200;
                }
                exchange.sendResponseHeaders(status, 2);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write("{}".getBytes());
                }
            });
            executor = Executors.newFixedThreadPool(8);
            server.setExecutor(executor);
            server.start();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/sms";
    }

    /** Stops the webhook server and its threads (end of the test session). */
    static synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    /** Makes the webhook answer 503 (true) or accept messages again (false). */
    public void setDown(boolean isDown) {
        down.set(isDown);
    }

    /** How many requests the webhook has answered 503 since the test JVM started. */
    public int downAnswers() {
        return downAnswers.get();
    }

    /** Accepts every SMS to {@code phone} only {@code after} it arrived, as a slow provider would. */
    public void slow(String phone, Duration after) {
        slow.put(phone, after);
    }

    /** Makes the webhook answer {@code status} for {@code phone}, {@code after} the given time (a slow provider). */
    public void refuse(String phone, int status, Duration after) {
        refused.put(phone, new Refusal(status, after, new AtomicInteger()));
    }

    /** How many times the webhook has refused {@code phone} since {@link #refuse}. */
    public int refusals(String phone) {
        Refusal refusal = refused.get(phone);
        return refusal == null ? 0 : refusal.count().get();
    }

    public List<Sms> messagesFor(String phone) {
        url();
        return received.stream().filter(s -> s.to().equals(phone)).toList();
    }

    /** Waits (up to 10 s) until {@code phone} has received {@code count} messages; returns the last. */
    public Sms awaitMessage(String phone, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<Sms> messages = messagesFor(phone);
            if (messages.size() >= count) {
                return messages.get(count - 1);
            }
            Mailbox.sleep();
        }
        throw new AssertionError("No SMS #" + count + " arrived for " + phone + " within 10 s");
    }

    /** The code in the newest SMS for {@code phone}, waiting for one to arrive. */
    public String lastCode(String phone) {
        awaitMessage(phone, 1);
        List<Sms> messages = messagesFor(phone);
        return Mailbox.code(messages.get(messages.size() - 1).message())
                .orElseThrow(() -> new AssertionError("The last SMS for " + phone + " carries no code"));
    }

    /** The code in the {@code n}-th (1-based) SMS for {@code phone}, waiting for it. */
    public String code(String phone, int n) {
        return Mailbox.code(awaitMessage(phone, n).message())
                .orElseThrow(() -> new AssertionError("SMS #" + n + " for " + phone + " carries no code"));
    }
}
