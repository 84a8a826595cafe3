package registration.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a random port, on a fresh database (H2 file, or PostgreSQL when the suite runs
 * with {@code -Dtest.db=postgres}), mail to a real SMTP server ({@link Mailbox}), SMS to a real HTTP
 * webhook ({@link SmsInbox}), time from a {@link TestClock}. Talk to it with {@link StoreApi}; before asserting
 * that nothing (more) was sent, wait with {@link OutboxWatch}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(TestServices.RequiredServices.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestServices.class)
@Import({TestClock.class, StoreApi.class, Mailbox.class, SmsInbox.class, OutboxWatch.class})
public @interface HttpTest {
}
