package registration.notification;

/** A message claimed for delivery: where it goes and what it says (decrypted). */
record OutboxMessage(String id, Channel channel, String recipient, String purpose, String subject, String body,
                     boolean html, int attempts, String claimToken) {

    @Override
    public String toString() {
        return "OutboxMessage[" + id + ", " + channel + ", " + purpose + "]"; // never the body: it may hold a code
    }
}
