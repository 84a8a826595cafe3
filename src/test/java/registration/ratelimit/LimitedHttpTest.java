package registration.ratelimit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

import registration.support.HttpTest;
import registration.support.NoVerificationHttpTest;

/**
 * {@link HttpTest} with the rate limits on (the other suites run without them), small buckets so that a
 * test reaches them in a few requests (refilled by one token a minute: real time spent by a slow test does not
 * refill them; tests move the {@link registration.support.TestClock} instead), a lockout after 3 failures, and 127.0.0.1 as the trusted proxy: a
 * test picks its own client address with {@code X-Forwarded-For} ({@link Clients#next()}) so that tests do
 * not spend each other's tokens. Classes with this annotation share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@NoVerificationHttpTest
@TestPropertySource(properties = {
        "customer-registration.rate-limit.enabled=true",
        "customer-registration.rate-limit.trusted-proxies=127.0.0.1",
        "customer-registration.rate-limit.groups.login.capacity=20",
        "customer-registration.rate-limit.groups.login.per-minute=1",
        "customer-registration.rate-limit.groups.register.capacity=3",
        "customer-registration.rate-limit.groups.register.per-minute=1",
        "customer-registration.rate-limit.groups.otp-send.capacity=2",
        "customer-registration.rate-limit.groups.otp-send.per-minute=1",
        "customer-registration.rate-limit.groups.otp-verify.capacity=2",
        "customer-registration.rate-limit.groups.otp-verify.per-minute=1",
        "customer-registration.rate-limit.groups.reset.capacity=2",
        "customer-registration.rate-limit.groups.reset.per-minute=1",
        "customer-registration.rate-limit.groups.deletion-cancel.capacity=2",
        "customer-registration.rate-limit.groups.deletion-cancel.per-minute=1",
        "customer-registration.rate-limit.groups.contact-change.capacity=2",
        "customer-registration.rate-limit.groups.contact-change.per-minute=1",
        "customer-registration.rate-limit.login-lockout.max-failures=3",
        "customer-registration.store.cors=https://shop.example"})
@interface LimitedHttpTest {
}
