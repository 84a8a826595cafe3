package registration.notification;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code twilio} SMS provider: Twilio's Messages API ({@code POST /2010-04-01/Accounts/{sid}/Messages.json},
 * form-encoded To/From/Body, HTTP Basic auth), or any compatible service at {@code base-url}.
 */
class TwilioSmsSender implements Sender {

    private final NotificationSettings.Twilio settings;
    private final HttpClient http;

    TwilioSmsSender(NotificationSettings.Twilio settings) {
        this.settings = settings;
        this.http = WebhookPost.httpClient(settings.timeout());
    }

    @Override
    public void send(OutboxMessage m) throws IOException, InterruptedException, SendFailure {
        String form = "To=" + encode(m.recipient()) + "&From=" + encode(settings.from()) + "&Body=" + encode(m.body());
        String credentials = Base64.getEncoder().encodeToString(
                (settings.accountSid() + ":" + settings.authToken()).getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create(settings.baseUrl().replaceAll("/+$", "") + "/2010-04-01/Accounts/"
                        + encode(settings.accountSid()) + "/Messages.json"))
                .timeout(settings.timeout())
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("I-Twilio-Idempotency-Token", m.id()) // a message sent again after a crash is not texted twice
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            // Twilio answers 400 for a number it cannot text (21211, 21614), 401 for bad credentials, 429 when busy.
            throw SendFailure.ofHttpStatus("Twilio", response.statusCode());
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
