package registration.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import registration.support.ScryptKdfHashes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Medusa's scrypt-kdf password hashes: the real npm package's vectors verify, forgeries and oddities do not. */
class ScryptKdfHashTests {

    @Test
    void verifiesEveryVectorMadeByTheRealScryptKdfPackageAndRefusesAWrongPassword() throws Exception {
        JsonNode vectors;
        try (InputStream in = getClass().getResourceAsStream("/medusaimport/scrypt-kdf-vectors.json")) {
            vectors = JsonMapper.builder().build().readTree(in).path("vectors");
        }
        assertThat(vectors.size()).isGreaterThanOrEqualTo(4);
        for (JsonNode vector : vectors) {
            ScryptKdfHash hash = ScryptKdfHash.parse(vector.path("hash").asString());
            String password = vector.path("password").asString();
            assertThat(hash.matches(password)).as(password).isTrue();
            assertThat(hash.matches(password + "x")).isFalse();
            assertThat(hash.matches(password.toUpperCase())).isFalse();
        }
    }

    @Test
    void verifiesHashesFromAnIndependentWriterWithTheParametersInTheBlob() {
        assertThat(ScryptKdfHash.parse(ScryptKdfHashes.medusaHash("pässword-1", 11, 4, 2)).matches("pässword-1")).isTrue();
        assertThat(ScryptKdfHash.parse(ScryptKdfHashes.medusaHash("password-2", 10, 8, 1)).matches("password-3")).isFalse();
    }

    @Test
    void aForgedMacDoesNotVerifyEvenWithAValidHeader() {
        byte[] blob = Base64.getDecoder().decode(ScryptKdfHashes.medusaHash("password-1"));
        blob[95] ^= 1;
        assertThat(ScryptKdfHash.parse(Base64.getEncoder().encodeToString(blob)).matches("password-1")).isFalse();
    }

    @Test
    void refusesWhatIsNotAScryptKdfBlobOrWouldCostUnboundedMemoryOrTime() throws Exception {
        assertThatThrownBy(() -> ScryptKdfHash.parse("$2a$10$abcdefghijklmnopqrstuu5vV0u6Wv8uF0bZ3c6r1oC8yZ8J9r7m"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not base64");
        assertThatThrownBy(() -> ScryptKdfHash.parse(Base64.getEncoder().encodeToString(new byte[96])))
                .hasMessageContaining("not a scrypt-kdf blob");
        assertThatThrownBy(() -> ScryptKdfHash.parse(null)).hasMessageContaining("no password hash");

        byte[] tamperedHeader = Base64.getDecoder().decode(ScryptKdfHashes.medusaHash("password-1"));
        tamperedHeader[20] ^= 1; // salt changed, checksum not
        assertThatThrownBy(() -> ScryptKdfHash.parse(Base64.getEncoder().encodeToString(tamperedHeader)))
                .hasMessageContaining("checksum");

        // logN 24 with r 8 would need 16 GiB per login
        assertThatThrownBy(() -> ScryptKdfHash.parse(withParameters(24, 8, 1))).hasMessageContaining("out of bounds");
        assertThatThrownBy(() -> ScryptKdfHash.parse(withParameters(10, 8, 1000))).hasMessageContaining("out of bounds");
        // 32 times Medusa's default work (p 16 at 64 MiB): seconds of a hashing thread per login
        assertThatThrownBy(() -> ScryptKdfHash.parse(withParameters(16, 8, 16))).hasMessageContaining("out of bounds");
        assertThat(ScryptKdfHash.parse(withParameters(15, 8, 16)).toString()).contains("p=16"); // 16 times: still accepted
    }

    @Test
    void passwordsVerifiesAStoredImportedHashAndAsksForARehash() {
        Passwords passwords = new Passwords(PasswordHashingSettings.defaults());
        try {
            String stored = ScryptKdfHash.parse(ScryptKdfHashes.medusaHash("imported-password")).stored();
            assertThat(stored).startsWith("$scrypt-kdf$c2NyeXB0");
            assertThat(passwords.matches("imported-password", stored).join()).isTrue();
            assertThat(passwords.matches("imported-passwore", stored).join()).isFalse();
            assertThat(passwords.matches("imported-password", "$scrypt-kdf$not-a-hash").join()).isFalse();
            assertThat(passwords.needsRehash(stored)).isTrue();
        } finally {
            passwords.close();
        }
    }

    /** A well-formed blob (valid checksum) with the given parameters, as a hostile database could hold. */
    private static String withParameters(int logN, int r, int p) throws Exception {
        byte[] blob = new byte[96];
        var header = java.nio.ByteBuffer.wrap(blob);
        header.put("scrypt".getBytes()).put((byte) 0).put((byte) logN).putInt(r).putInt(p);
        byte[] sum = java.security.MessageDigest.getInstance("SHA-256").digest(java.util.Arrays.copyOf(blob, 48));
        System.arraycopy(sum, 0, blob, 48, 16);
        return Base64.getEncoder().encodeToString(blob);
    }
}
