package registration.notification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import registration.keys.ServiceKey;
import registration.keys.ServiceKeys;

/**
 * POSTs a JSON body to a configured webhook (the SMS webhook, the events webhook), signed the Standard Webhooks way
 * (issue 18, SPEC 11 "Webhooks"): {@code webhook-id} (the outbox message id, the same on every try),
 * {@code webhook-timestamp} (Unix seconds) and {@code webhook-signature}: {@code v1,<base64 HMAC-SHA256 of
 * "id.timestamp.body">}, one per signing key separated by spaces (the derived secret of the current and of every
 * previous master while a rotation runs), so a receiver can check the call came from us and recognise a replay. The
 * key is the configured {@code secret} as is ({@code whsec_<base64>} decoded, anything else as its UTF-8 bytes) or,
 * without one, derived from {@code secret-key} ({@link ServiceKeys#webhookSecret}; the {@code keys} command prints it). With a
 * configured secret the header (default {@code X-Signature}) also carries {@code sha256=<hex HMAC-SHA256 of the
 * body>}, the format receivers checked before. A non-2xx answer is a {@link SendFailure} classified by its status.
 */
class WebhookPost {

    private final NotificationSettings.Webhook settings;
    private final List<byte[]> signingKeys;
    private final Clock clock;
    private final HttpClient http;

    /** @param purpose the label of the derived secret, {@link #SMS} or {@link #EVENTS} */
    WebhookPost(NotificationSettings.Webhook settings, String purpose, ServiceKeys keys, Clock clock) {
        this.settings = settings;
        this.signingKeys = configured(settings) ? List.of(secretBytes(settings.secret()))
                : keys.signing(purpose).stream().map(ServiceKey::bytes).toList();
        this.clock = clock;
        this.http = httpClient(settings.timeout());
    }

    /** Labels of the derived webhook secrets ({@link ServiceKeys#webhookSecret} prints them for receivers). */
    static final String SMS = ServiceKeys.WEBHOOK_SMS, EVENTS = ServiceKeys.WEBHOOK_EVENTS;

    private static boolean configured(NotificationSettings.Webhook settings) {
        return settings.secret() != null && !settings.secret().isBlank();
    }

    static byte[] secretBytes(String secret) {
        return secret.startsWith("whsec_") ? Base64.getDecoder().decode(secret.substring(6))
                : secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The client of every provider reached over HTTP: plain HTTP/1.1, no h2c upgrade headers, which some refuse. */
    static HttpClient httpClient(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * @param idempotencyKey the outbox message id, as {@code Idempotency-Key} and {@code webhook-id}: the same on every
     *                       try of a message, also when a crash made us send it again, so that a receiver can drop the copy
     */
    void post(byte[] body, String idempotencyKey) throws IOException, InterruptedException, SendFailure {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        var request = HttpRequest.newBuilder(URI.create(settings.url())).timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .header("webhook-id", idempotencyKey)
                .header("webhook-timestamp", timestamp)
                .header("webhook-signature", standardSignatures(idempotencyKey, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (configured(settings)) {
            request.header(settings.signatureHeader(), "sha256=" + HexFormat.of().formatHex(
                    hmac(settings.secret().getBytes(StandardCharsets.UTF_8), body)));
        }
        HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw SendFailure.ofHttpStatus("Webhook", response.statusCode());
        }
    }

    private String standardSignatures(String id, String timestamp, byte[] body) {
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = Arrays.copyOf(prefix, prefix.length + body.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return signingKeys.stream().map(key -> "v1," + Base64.getEncoder().encodeToString(hmac(key, signed)))
                .collect(Collectors.joining(" "));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
