package registration.notification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs a JSON body to a configured webhook (the SMS webhook, the events webhook). With a secret, the header
 * (default {@code X-Signature}) carries {@code sha256=<hex HMAC-SHA256 of the body>} so that the receiver can
 * check the call came from us. A non-2xx answer is a {@link SendFailure} classified by its status.
 */
class WebhookPost {

    private final NotificationSettings.Webhook settings;
    private final HttpClient http;

    WebhookPost(NotificationSettings.Webhook settings) {
        this.settings = settings;
        this.http = httpClient(settings.timeout());
    }

    /** The client of every provider reached over HTTP: plain HTTP/1.1, no h2c upgrade headers, which some refuse. */
    static HttpClient httpClient(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * @param idempotencyKey the outbox message id, as {@code Idempotency-Key}: the same on every try of a message,
     *                       also when a crash made us send it again, so that a receiver can drop the copy
     */
    void post(byte[] body, String idempotencyKey) throws IOException, InterruptedException, SendFailure {
        var request = HttpRequest.newBuilder(URI.create(settings.url())).timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (settings.secret() != null && !settings.secret().isBlank()) {
            request.header(settings.signatureHeader(), "sha256=" + sign(body));
        }
        HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw SendFailure.ofHttpStatus("Webhook", response.statusCode());
        }
    }

    private String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(settings.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
