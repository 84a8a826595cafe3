package registration.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * An {@link HttpTest} for suites whose subject comes after sign-up: {@code POST /store/customers} sends no
 * verification code and login does not wait for a verified identifier, so a customer is signed up and logged
 * in by {@link StoreApi#signUpWithEmail} alone. A class adds its own properties with {@code @TestPropertySource}
 * (Spring merges both). The verification suites use plain {@code @HttpTest}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@HttpTest
@TestPropertySource(properties = {NoVerificationHttpTest.NO_REQUIRED_VERIFICATION, NoVerificationHttpTest.NO_AUTO_SEND})
public @interface NoVerificationHttpTest {

    String NO_REQUIRED_VERIFICATION = "customer-registration.registration.require-verification=false";
    String NO_AUTO_SEND = "customer-registration.email-verification.auto-send-on-registration=false";
}
