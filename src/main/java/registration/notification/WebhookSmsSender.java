package registration.notification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code webhook} SMS provider: POSTs {@code {"to", "message", "purpose"}} as JSON to the configured
 * URL; with a secret, the header (default {@code X-Signature}) carries {@code sha256=<hex HMAC-SHA256 of the
 * body>} so the receiver can check the message came from us. Any non-2xx answer is a failure to retry.
 */
class WebhookSmsSender implements Sender {

    private final NotificationSettings.Webhook settings;
    private final JsonMapper json;
    private final HttpClient http;

    WebhookSmsSender(NotificationSettings.Webhook settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade headers, which some receivers refuse
                .build();
    }

    @Override
    public void send(OutboxMessage m) throws IOException, InterruptedException {
        byte[] body = json.writeValueAsBytes(Map.of("to", m.recipient(), "message", m.body(), "purpose", m.purpose()));
        var request = HttpRequest.newBuilder(URI.create(settings.url())).timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (settings.secret() != null && !settings.secret().isBlank()) {
            request.header(settings.signatureHeader(), "sha256=" + sign(body));
        }
        HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("SMS webhook answered " + response.statusCode());
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
