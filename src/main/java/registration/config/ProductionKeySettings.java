package registration.config;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The keys a production database needs ({@link ProductionDefaultsCheck#checkKeys}), read before any bean is built.
 * The features bind and validate them themselves (auth.JwtSettings, keys.ServiceKeySettings, {@link PublicUrlSettings}).
 */
record ProductionKeySettings(String secretKey, String publicUrl, @DefaultValue Jwt jwt) {

    record Jwt(String secret, @DefaultValue("HS256") String algorithm, String keySet) {
        @Override
        public String toString() {
            return "Jwt[secret=<hidden>, algorithm=" + algorithm + ", keySet=" + keySet + "]";
        }
    }

    @Override
    public String toString() {
        return "ProductionKeySettings[secretKey=<hidden>, publicUrl=" + publicUrl + ", jwt=" + jwt + "]";
    }
}
