package registration.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import registration.config.ProductionSettings.Notifications;
import registration.config.ProductionSettings.Provider;

/** Which database gets the dev defaults, and what the production check refuses and allows. */
class ProductionDefaultsCheckTests {

    private static final String POSTGRES = "jdbc:postgresql://db.internal:5432/shop";

    @Test
    void embeddedH2IsMemoryAndFileInAnySpellingAndServerModeIsNot() {
        for (String url : new String[] {null, "jdbc:h2:mem:test", "jdbc:h2:file:/var/lib/cr/db", "jdbc:h2:./data/db",
                "JDBC:H2:FILE:./x;MODE=PostgreSQL"}) {
            assertThat(DatabaseKind.of(url)).as(url).isEqualTo(DatabaseKind.EMBEDDED_H2);
        }
        assertThat(DatabaseKind.of("jdbc:h2:tcp://localhost/~/db")).isEqualTo(DatabaseKind.H2_SERVER);
        assertThat(DatabaseKind.of("jdbc:h2:ssl://localhost/~/db")).isEqualTo(DatabaseKind.H2_SERVER);
        assertThat(DatabaseKind.of(POSTGRES)).isEqualTo(DatabaseKind.OTHER);
        assertThatThrownBy(() -> ProductionDefaultsCheck.check("jdbc:h2:tcp://localhost/~/db",
                settings("https://shop.example.com", true, true, "smtp", "webhook")))
                .hasMessageStartingWith("spring.datasource.url: H2 server mode");
    }

    @Test
    void devDefaultsPassOnEmbeddedH2() {
        assertThatCode(() -> ProductionDefaultsCheck.check("jdbc:h2:file:/var/lib/cr/db",
                settings("http://localhost:8000", false, false, "log", "log"))).doesNotThrowAnyException();
    }

    @Test
    void productionRefusesLogProvidersAndLocalStorefrontsUnlessAllowed() {
        assertThatThrownBy(() -> ProductionDefaultsCheck.check(POSTGRES,
                settings("https://shop.example.com", false, false, "smtp", "log")))
                .hasMessageContaining("customer-registration.notifications.sms.provider")
                .hasMessageContaining("customer-registration.notifications.allow-log-provider=true");
        for (String local : new String[] {"http://localhost:8000", "http://127.0.0.1", "https://shop.localhost/",
                "http://[::1]:3000", "http://0.0.0.0"}) {
            assertThatThrownBy(() -> ProductionDefaultsCheck.check(POSTGRES, settings(local, false, false, "smtp", "webhook")))
                    .as(local).hasMessageContaining("customer-registration.allow-localhost-storefront=true");
        }
        assertThatCode(() -> ProductionDefaultsCheck.check(POSTGRES,
                settings("http://localhost:8000", true, true, "log", "log"))).doesNotThrowAnyException();
        assertThatCode(() -> ProductionDefaultsCheck.check(POSTGRES,
                settings("https://localhost.example.com", false, false, "smtp", "twilio"))).doesNotThrowAnyException();
    }

    @Test
    void anyEmbeddedH2UrlIsPutInPostgresMode() {
        assertThat(DataSourceConfiguration.inPostgresMode("jdbc:h2:file:/var/lib/cr/db"))
                .isEqualTo("jdbc:h2:file:/var/lib/cr/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        assertThat(DataSourceConfiguration.inPostgresMode("jdbc:h2:mem:x;mode=MySQL;AUTO_SERVER=FALSE;database_to_lower=false"))
                .isEqualTo("jdbc:h2:mem:x;AUTO_SERVER=FALSE;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    }

    private static ProductionSettings settings(String storefront, boolean allowLocalhost, boolean allowLog,
                                               String email, String sms) {
        return new ProductionSettings(storefront, allowLocalhost,
                new Notifications(allowLog, new Provider(email), new Provider(sms)));
    }
}
