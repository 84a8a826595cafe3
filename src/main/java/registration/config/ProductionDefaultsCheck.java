package registration.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up check that the zero-configuration defaults never reach production unnoticed (SPEC 10 "Fail-safe
 * production defaults", 11 "Which database counts as embedded H2"). On the embedded H2 database they apply,
 * with a WARN saying so. H2 in server mode is refused. On any other database, a {@code log} notification
 * provider or a localhost {@code storefront-url} stops start-up naming the setting and the property that allows
 * it — a store that forgot to configure mail would otherwise run with every code written to its log, and send
 * password reset links to {@code localhost}. It runs when the data source settings are bound
 * ({@link DataSourceConfiguration}), before anything connects: a refused setting must be reported as such,
 * not as whatever connection failure comes first.
 */
final class ProductionDefaultsCheck {

    private static final Logger log = LoggerFactory.getLogger(ProductionDefaultsCheck.class);
    private static final String PREFIX = "customer-registration.";

    private ProductionDefaultsCheck() {
    }

    static void check(String url, ProductionSettings settings) {
        switch (DatabaseKind.of(url)) {
            case H2_SERVER -> throw new IllegalStateException("spring.datasource.url: H2 server mode (jdbc:h2:tcp: or "
                    + "jdbc:h2:ssl:) is not supported; use the embedded H2 database (jdbc:h2:file:… or jdbc:h2:mem:…) "
                    + "for development, or PostgreSQL");
            case EMBEDDED_H2 -> log.warn("Running on the embedded H2 database ({}): development defaults apply (log "
                    + "notification providers, a localhost storefront-url). Point spring.datasource.url at PostgreSQL "
                    + "for production.", url != null && url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:mem:") ? "in memory" : "file");
            case OTHER -> refuseDevDefaults(settings);
        }
    }

    private static void refuseDevDefaults(ProductionSettings settings) {
        var notifications = settings.notifications();
        if (!notifications.allowLogProvider() && (notifications.email().log() || notifications.sms().log())) {
            String key = notifications.email().log() ? "email" : "sms";
            throw new IllegalStateException(PREFIX + "notifications." + key + ".provider is log on a production database: "
                    + "codes and links would be written to the log instead of reaching customers. Configure a real "
                    + "provider, or set " + PREFIX + "notifications.allow-log-provider=true to allow it");
        }
        if (!settings.allowLocalhostStorefront() && pointsToThisMachine(settings.storefrontUrl())) {
            throw new IllegalStateException(PREFIX + "storefront-url points to this machine on a production database: "
                    + "links in messages (password reset, account) would lead nowhere. Set it to the store's public URL, "
                    + "or set " + PREFIX + "allow-localhost-storefront=true to allow it");
        }
    }

    /**
     * Keys (issue 18, SPEC 11 "Keys and upgrade"): outside the embedded H2 database the service refuses to start
     * without its signing keys ({@code jwt.secret} or {@code jwt.key-set} under HS256, {@code jwt.key-set} under
     * the other algorithms), the master {@code secret-key} and its {@code public-url}: random keys there would
     * make every token, pending code and queued message die with the process.
     */
    static void checkKeys(String url, ProductionKeySettings keys) {
        if (DatabaseKind.of(url) != DatabaseKind.OTHER) {
            return;
        }
        var jwt = keys.jwt();
        boolean hs256 = "HS256".equalsIgnoreCase(jwt.algorithm().strip());
        if (blank(jwt.keySet()) && (!hs256 || blank(jwt.secret()))) {
            throw new IllegalStateException(hs256
                    ? PREFIX + "jwt.secret (at least 32 bytes) or " + PREFIX + "jwt.key-set must be set on a production "
                    + "database; the random dev key is only for the embedded H2 database"
                    : PREFIX + "jwt.key-set must be set for " + PREFIX + "jwt.algorithm=" + jwt.algorithm() + " on a "
                    + "production database (create one with `keys generate --alg " + jwt.algorithm() + " --out <file>`)");
        }
        if (blank(keys.secretKey())) {
            throw new IllegalStateException(PREFIX + "secret-key (at least 32 bytes, independent of the JWT keys) must "
                    + "be set on a production database: it keys code hashes, outbox encryption and webhook signatures");
        }
        if (blank(keys.publicUrl())) {
            throw new IllegalStateException(PREFIX + "public-url (the service's public base URL, the issuer of its "
                    + "tokens) must be set on a production database");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    static boolean pointsToThisMachine(String url) {
        String host;
        try {
            host = new URI(url.strip()).getHost();
        } catch (URISyntaxException | NullPointerException e) {
            return false; // the reset feature refuses a malformed storefront-url naming its key
        }
        if (host == null) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.")
                || host.equals("0.0.0.0") || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1");
    }
}
