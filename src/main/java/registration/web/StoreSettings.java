package registration.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code customer-registration.store.*}: {@code publishable-keys} (when set, every {@code /store/*} request
 * needs {@code x-publishable-api-key} with one of them) and {@code cors} (storefront origins allowed to call
 * {@code /store/*} and {@code /auth/*} from a browser).
 *
 * @param publishableKeys when set, every {@code /store/*} request needs {@code x-publishable-api-key} with one of them
 * @param cors            storefront origins (patterns allowed) that browsers may call {@code /store/*} and
 *                        {@code /auth/*} from
 */
@ConfigurationProperties("customer-registration.store")
record StoreSettings(@DefaultValue List<String> publishableKeys, @DefaultValue List<String> cors) {
}
