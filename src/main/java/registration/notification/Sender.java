package registration.notification;

/** Delivers one message through one provider. Throwing means "not delivered, try again later". */
interface Sender {

    void send(OutboxMessage message) throws Exception;
}
