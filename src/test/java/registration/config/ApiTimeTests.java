package registration.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ApiTimeTests {

    @Test
    void alwaysWritesThreeFractionDigitsInUtc() {
        assertThat(ApiTime.format(Instant.parse("2026-03-12T10:15:00Z"))).isEqualTo("2026-03-12T10:15:00.000Z");
        assertThat(ApiTime.format(Instant.parse("2026-03-12T10:15:00.120Z"))).isEqualTo("2026-03-12T10:15:00.120Z");
    }

    @Test
    void cutsFinerFractionsWithoutRoundingUpToTheNextSecond() {
        assertThat(ApiTime.format(Instant.parse("2026-12-31T23:59:59.999999999Z"))).isEqualTo("2026-12-31T23:59:59.999Z");
    }
}
