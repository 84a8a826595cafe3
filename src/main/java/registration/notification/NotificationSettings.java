package registration.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * {@code customer-registration.notifications.*}: which provider delivers each channel, and how the outbox
 * dispatcher retries. Provider-specific keys are checked at start-up by {@link Senders}.
 *
 * @param email    the email channel
 * @param sms      the SMS channel
 * @param dispatch how the outbox delivers and retries
 * @param events   the store's events webhook (off without a {@code url})
 */
@Validated
@ConfigurationProperties("customer-registration.notifications")
record NotificationSettings(@DefaultValue @Valid Email email, @DefaultValue @Valid Sms sms,
                            @DefaultValue @Valid Dispatch dispatch, @DefaultValue Webhook events) {

    enum EmailProvider { LOG, SMTP }

    enum SmsProvider { LOG, WEBHOOK, TWILIO }

    /**
     * @param provider {@code log} (messages, codes included, go to the service log) or {@code smtp} (with
     *                 {@code spring.mail.*}); {@code log} stops start-up on any database but the embedded H2
     *                 unless {@code notifications.allow-log-provider}
     * @param from     the sender address of every email
     */
    record Email(@DefaultValue("log") @NotNull EmailProvider provider,
                 @DefaultValue("no-reply@localhost") String from) {
    }

    /**
     * @param provider {@code log}, {@code webhook} (POST {@code {to, message, purpose}} to {@code sms.webhook.url})
     *                 or {@code twilio}; {@code log} stops start-up on any database but the embedded H2 unless
     *                 {@code notifications.allow-log-provider}
     * @param webhook  the SMS webhook
     * @param twilio   Twilio's Messages API
     */
    record Sms(@DefaultValue("log") @NotNull SmsProvider provider, @DefaultValue Webhook webhook,
               @DefaultValue Twilio twilio) {
    }

    /**
     * A webhook ({@code sms.webhook}: the SMS provider; {@code events}: the store's events, off without a
     * {@code url}); with a {@code secret}, each body is signed (HMAC-SHA256).
     *
     * @param url             where to POST
     * @param secret          with it, the signature header carries {@code sha256=<hex HMAC-SHA256 of the body>}
     * @param signatureHeader the header of the signature
     * @param timeout         connect and answer timeout of one POST
     */
    record Webhook(String url, String secret, @DefaultValue("X-Signature") String signatureHeader,
                   @DefaultValue("10s") Duration timeout) {
        @Override
        public String toString() {
            return "Webhook[url=" + url + ", secret=" + (secret == null ? "none" : "<hidden>") + "]";
        }
    }

    /**
     * Twilio's Messages API, or any service compatible with it at {@code base-url}.
     *
     * @param accountSid the account SID
     * @param authToken  the auth token
     * @param from       the sending number or messaging service
     * @param baseUrl    the API's base URL
     * @param timeout    connect and answer timeout of one request
     */
    record Twilio(String accountSid, String authToken, String from,
                  @DefaultValue("https://api.twilio.com") String baseUrl, @DefaultValue("10s") Duration timeout) {
        @Override
        public String toString() {
            return "Twilio[accountSid=" + accountSid + ", authToken=<hidden>, from=" + from + ", baseUrl=" + baseUrl + "]";
        }
    }

    /**
     * @param pollInterval how often the dispatcher looks for due messages besides being woken by new ones
     * @param batchSize    how many due messages one worker leases and sends together (mail over one SMTP connection)
     * @param lease        how long a leased batch is reserved for one worker before another may take it over; renewed
     *                     every third of it while the batch is being sent, so it bounds how long the rest of a crashed
     *                     instance's batch waits, not how long a send may take
     * @param threads      how many batches this instance sends at once (SMTP and webhooks mostly wait on the network);
     *                     with two or more, one of them only ever sends first attempts, so failing messages cannot
     *                     occupy every worker while a new code waits
     * @param maxBackoff   the longest wait between two tries of a message or a paused channel
     * @param minBackoff   the first wait after a failure: of a message refused for its recipient, or of a channel
     *                     whose provider failed; doubled at each further failure up to {@code maxBackoff}
     * @param attempts     how many times a message may be refused for its recipient before it is abandoned (a
     *                     permanent refusal abandons it at once; provider failures do not count)
     * @param horizon      how long a notice or an event is retried before it is abandoned; a message carrying a
     *                     code is abandoned when its code expires
     */
    record Dispatch(@DefaultValue("1s") Duration pollInterval, @DefaultValue("20") @Min(1) int batchSize,
                    @DefaultValue("4") @Min(1) @jakarta.validation.constraints.Max(64) int threads,
                    @DefaultValue("10s") Duration lease, @DefaultValue("1s") Duration minBackoff,
                    @DefaultValue("5m") Duration maxBackoff, @DefaultValue("10") @Min(1) int attempts,
                    @DefaultValue("72h") Duration horizon) {
    }
}
