package registration.ratelimit;

import java.util.concurrent.atomic.AtomicInteger;

/** Client addresses no other test uses in this JVM, for {@code X-Forwarded-For}. */
final class Clients {

    private static final AtomicInteger next = new AtomicInteger((int) (Math.random() * 1_000_000));

    private Clients() {
    }

    static String next() {
        int n = next.incrementAndGet();
        return "10." + ((n >> 16) & 0xff) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    }
}
