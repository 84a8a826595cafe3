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
 */
@Validated
@ConfigurationProperties("customer-registration.notifications")
record NotificationSettings(@DefaultValue @Valid Email email, @DefaultValue @Valid Sms sms,
                            @DefaultValue @Valid Dispatch dispatch, @DefaultValue Webhook events) {

    enum EmailProvider { LOG, SMTP }

    enum SmsProvider { LOG, WEBHOOK, TWILIO }

    record Email(@DefaultValue("log") @NotNull EmailProvider provider,
                 @DefaultValue("no-reply@localhost") String from) {
    }

    record Sms(@DefaultValue("log") @NotNull SmsProvider provider, @DefaultValue Webhook webhook,
               @DefaultValue Twilio twilio) {
    }

    /**
     * A webhook ({@code sms.webhook}: the SMS provider; {@code events}: the store's events, off without a
     * {@code url}); with a {@code secret}, each body is signed (HMAC-SHA256).
     */
    record Webhook(String url, String secret, @DefaultValue("X-Signature") String signatureHeader,
                   @DefaultValue("10s") Duration timeout) {
        @Override
        public String toString() {
            return "Webhook[url=" + url + ", secret=" + (secret == null ? "none" : "<hidden>") + "]";
        }
    }

    /** Twilio's Messages API, or any service compatible with it at {@code base-url}. */
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
