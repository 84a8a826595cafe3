package registration.notification;

import java.io.IOException;

import org.springframework.mail.MailAuthenticationException;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;

/**
 * Why a message was not delivered, as the dispatcher must treat it (SPEC §11 "Delivery"). Only failures about
 * the recipient spend an attempt; a failure of the provider itself pauses the channel and spends none, so that
 * an outage cannot use up the attempts of every queued message. The message never names the recipient (it is
 * logged and stored as the row's {@code last_error}).
 */
final class SendFailure extends Exception {

    enum Kind {
        /** The recipient can never receive it (an address the mail library refuses, SMTP 5xx for the recipient,
         *  webhook 400/404/410/422): abandoned at once. */
        REJECTED,
        /** About this recipient or message, and may pass (SMTP 4xx for the recipient, another 4xx): one attempt
         *  spent, retried with backoff. */
        RECIPIENT_TEMPORARY,
        /** The provider itself (connection refused, timeout, authentication, 401/403/408/429/5xx): the channel
         *  pauses with backoff, no attempt spent. */
        PROVIDER
    }

    private final Kind kind;

    SendFailure(Kind kind, String description) {
        super(description, null, false, false);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }

    /** A non-2xx answer of an HTTP provider ({@code who}: "Webhook", "Twilio"). */
    static SendFailure ofHttpStatus(String who, int status) {
        String description = who + " answered " + status;
        return switch (status) {
            case 400, 404, 410, 422 -> new SendFailure(Kind.REJECTED, description);
            case 401, 403, 407, 408, 429 -> new SendFailure(Kind.PROVIDER, description);
            default -> new SendFailure(status >= 500 || status < 400 ? Kind.PROVIDER : Kind.RECIPIENT_TEMPORARY, description);
        };
    }

    /**
     * Classifies whatever a {@link Sender} threw. Exception messages are not kept: Jakarta Mail and SMTP servers
     * quote the address in theirs ({@code 550 <x@y>: Recipient address rejected}).
     */
    static SendFailure of(Exception e) {
        if (e instanceof SendFailure failure) {
            return failure;
        }
        if (e instanceof AddressException) {
            return new SendFailure(Kind.REJECTED, "address refused by the mail library");
        }
        if (e instanceof SendFailedException refused) {
            // Angus Mail lists a recipient refused with 5xx as invalid, one refused with 4xx as valid but unsent;
            // a failure with neither came after RCPT (the message itself was refused).
            if (refused.getInvalidAddresses() != null && refused.getInvalidAddresses().length > 0) {
                return new SendFailure(Kind.REJECTED, "SMTP server refused the recipient (5xx)");
            }
            return new SendFailure(Kind.RECIPIENT_TEMPORARY, "SMTP server did not accept the message ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (e instanceof MailAuthenticationException) {
            return new SendFailure(Kind.PROVIDER, "SMTP authentication failed");
        }
        if (e instanceof MessagingException || e instanceof IOException || e instanceof RuntimeException) {
            Throwable cause = e.getCause() != null && e instanceof MessagingException ? e.getCause() : e;
            return new SendFailure(Kind.PROVIDER, "provider unreachable or failing (" + cause.getClass().getSimpleName() + ")");
        }
        return new SendFailure(Kind.PROVIDER, e.getClass().getSimpleName());
    }
}
