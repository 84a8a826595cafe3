package registration.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The masking rule of the audit trail (docs/audit.md). */
class MaskingTests {

    @Test
    void keepsTheFirstCharacterTheDomainsFirstAndTheTopLevelDomainOfAnEmail() {
        assertThat(Masking.mask("jane.doe@example.com")).isEqualTo("j***@e***.com");
        assertThat(Masking.mask("a@b.co.uk")).isEqualTo("a***@b***.uk");
        assertThat(Masking.mask("x@localhost")).isEqualTo("x***@l***");
    }

    @Test
    void keepsThePlusAndTheLastTwoDigitsOfAPhone() {
        assertThat(Masking.mask("+14155550123")).isEqualTo("+*********23");
        assertThat(Masking.mask("+447700900123")).isEqualTo("+**********23").doesNotContain("4477");
    }

    @Test
    void keepsOnlyTheFirstCharacterOfAnythingElseAndNothingOfNothing() {
        assertThat(Masking.mask("someone")).isEqualTo("s***");
        assertThat(Masking.mask("")).isNull();
        assertThat(Masking.mask(null)).isNull();
    }
}
