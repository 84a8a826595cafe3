package registration.ratelimit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.github.bucket4j.TimeMeter;

class RedisLimitsTests {

    @Test
    void refusesAMalformedRedisUrlNamingTheKeyButNeverThePassword() {
        for (String bad : new String[] {"localhost:6379", "redis//:secret@host", "redis://:sec ret@host"}) {
            assertThatThrownBy(() -> new RedisLimits(bad, "p:", TimeMeter.SYSTEM_MILLISECONDS)).as(bad)
                    .hasMessageContaining("customer-registration.rate-limit.redis-url")
                    .hasNoCause()
                    .message().doesNotContain("sec");
        }
    }
}
