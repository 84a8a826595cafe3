package registration.keys;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code customer-registration.secret-key}: the master secret (at least 32 bytes) every service key is derived
 * from; {@code customer-registration.previous-secret-keys}: masters rotated out, still used to verify and decrypt
 * rows they made (and to sign webhooks beside the current one) until those rows expired; and the one key of
 * {@code customer-registration.jwt.*} this package reads, the old {@code jwt.secret}, from which the verify/decrypt
 * only legacy key of rows written before the upgrade is derived. Without a secret-key the service starts only on
 * the embedded H2 database, with a random one and a warning (config.ProductionDefaultsCheck).
 *
 * @param secretKey          the master secret (at least 32 bytes) of code hashes, decoy ids, outbox encryption and
 *                           derived webhook secrets; required on any database but the embedded H2
 * @param previousSecretKeys masters rotated out: they still verify codes and decrypt messages they made until those
 *                           expire (docs/signing-keys.md)
 * @param jwt                the part of {@code jwt.*} read here
 */
@ConfigurationProperties("customer-registration")
record ServiceKeySettings(String secretKey, @DefaultValue List<String> previousSecretKeys, @DefaultValue Jwt jwt) {

    record Jwt(String secret) {
        @Override
        public String toString() {
            return "Jwt[secret=<hidden>]";
        }
    }

    @Override
    public String toString() {
        return "ServiceKeySettings[secretKey=<hidden>, previousSecretKeys=" + previousSecretKeys.size() + " hidden]";
    }
}
