package registration.notification;

import java.time.Instant;

/**
 * A message claimed for delivery: where it goes and what it says (decrypted).
 *
 * @param expiresAt when the code it carries expires (null: a notice or an event, which retries for a horizon)
 * @param forgotten its recipient was erased ({@link Notifications#forgetRecipient}) while it waited
 * @param postponed it waited out a provider failure (on any instance) before this try
 */
record OutboxMessage(String id, Channel channel, String recipient, String purpose, String subject, String body,
                     boolean html, int attempts, String claimToken, Instant createdAt, Instant expiresAt,
                     boolean forgotten, boolean postponed) {

    /** A message built outside the outbox (tests of a sender): a notice, created now. */
    OutboxMessage(String id, Channel channel, String recipient, String purpose, String subject, String body,
                  boolean html, int attempts, String claimToken) {
        this(id, channel, recipient, purpose, subject, body, html, attempts, claimToken, Instant.now(), null, false, false);
    }

    @Override
    public String toString() {
        return "OutboxMessage[" + id + ", " + channel + ", " + purpose + "]"; // never the body: it may hold a code
    }
}
