package registration.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

/** {@code keys generate}: writes or extends a private JWK set, prints the public part and the derived webhook secrets. */
class KeysCommandTests {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void generateAddsAKeyToTheFileAndPrintsOnlyItsPublicPart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jwks.json");

        assertThat(run("generate", "--alg", "ES256", "--out", file.toString())).isZero();
        assertThat(run("generate", "--alg=EdDSA", "--out", file.toString(),
                "--customer-registration.secret-key=a-master-secret-key-for-the-command-test-000")).isZero();

        JWKSet set = JWKSet.load(file.toFile());
        assertThat(set.getKeys()).hasSize(2).allMatch(JWK::isPrivate);
        assertThat(set.getKeys()).extracting(key -> key.getAlgorithm().getName()).containsExactly("ES256", "EdDSA");
        assertThat(set.getKeys().get(0).getKeyID()).matches("es256-\\d{8}-[0-9a-f]{8}");
        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains(set.getKeys().get(1).getKeyID()).contains("\"x\"").doesNotContain("\"d\"");
        String expected = ServiceKeys.of("a-master-secret-key-for-the-command-test-000", java.util.List.of(), null, false)
                .webhookSecret(ServiceKeys.WEBHOOK_EVENTS);
        assertThat(printed).contains("customer-registration.notifications.events.secret is not set")
                .contains(expected);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }

    @Test
    void withoutOutThePrivateSetGoesToStandardOutputAndAnUnknownAlgorithmIsRefused() throws Exception {
        assertThat(run("generate", "--alg", "HS256")).isZero();
        JWKSet set = JWKSet.parse(out.toString(StandardCharsets.UTF_8));
        assertThat(set.getKeys()).singleElement().satisfies(key -> assertThat(key.toOctetSequenceKey().size()).isEqualTo(256));

        assertThat(run("generate", "--alg", "HS512")).isEqualTo(2);
        assertThat(run("rotate")).isEqualTo(2);
    }

    private int run(String... args) {
        return KeysCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
