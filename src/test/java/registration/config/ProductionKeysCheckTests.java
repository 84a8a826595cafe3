package registration.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Outside dev mode the service needs its signing keys, its secret-key and its public URL (issue 18, SPEC 11). */
class ProductionKeysCheckTests {

    private static final String POSTGRES = "jdbc:postgresql://db/shop";
    private static final String SECRET = "s".repeat(40);

    @Test
    void aProductionDatabaseNeedsSigningKeysSecretKeyAndPublicUrl() {
        assertThatThrownBy(() -> ProductionDefaultsCheck.checkKeys(POSTGRES, keys(SECRET, "https://auth.shop", null, "HS256", null)))
                .hasMessageContaining("customer-registration.jwt.secret");
        assertThatThrownBy(() -> ProductionDefaultsCheck.checkKeys(POSTGRES, keys(SECRET, "https://auth.shop", SECRET, "ES256", null)))
                .hasMessageContaining("customer-registration.jwt.key-set");
        assertThatThrownBy(() -> ProductionDefaultsCheck.checkKeys(POSTGRES, keys(null, "https://auth.shop", SECRET, "HS256", null)))
                .hasMessageContaining("customer-registration.secret-key");
        assertThatThrownBy(() -> ProductionDefaultsCheck.checkKeys(POSTGRES, keys(SECRET, " ", SECRET, "HS256", null)))
                .hasMessageContaining("customer-registration.public-url");
        assertThatCode(() -> ProductionDefaultsCheck.checkKeys(POSTGRES, keys(SECRET, "https://auth.shop", null, "ES256", "/etc/jwks.json")))
                .doesNotThrowAnyException();
    }

    @Test
    void embeddedH2NeedsNothing() {
        assertThatCode(() -> ProductionDefaultsCheck.checkKeys("jdbc:h2:mem:dev", keys(null, null, null, "ES256", null)))
                .doesNotThrowAnyException();
    }

    private static ProductionKeySettings keys(String secretKey, String publicUrl, String jwtSecret, String algorithm, String keySet) {
        return new ProductionKeySettings(secretKey, publicUrl, new ProductionKeySettings.Jwt(jwtSecret, algorithm, keySet));
    }
}
