package registration.auth;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /.well-known/jwks.json} (issue 18): the public keys login tokens are verified with, for other services
 * (docs/signing-keys.md "Verify customer tokens in your other services"). Under HS256 the list is empty: a shared
 * secret is never published. Cacheable for five minutes: a new key is published at least that long before it signs.
 */
@RestController
class JwksController {

    static final String CACHE_CONTROL = "public, max-age=300";
    private final Jwts jwts;

    JwksController(Jwts jwts) {
        this.jwts = jwts;
    }

    /** RFC 7517's JWK set: {@code keys}, each a public JWK ({@code kty}, {@code kid}, {@code alg}, {@code use} …). */
    record JwkSet(List<Map<String, Object>> keys) {
    }

    @GetMapping(path = "/.well-known/jwks.json", produces = {"application/jwk-set+json", "application/json"})
    JwkSet jwks(HttpServletResponse response) {
        // Replaces the no-store every answer gets (web.NoStoreFilter): public keys are meant to be cached.
        response.setHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
        @SuppressWarnings("unchecked") // Nimbus's JSON form: {"keys": [ {…}, … ]}
        var keys = (List<Map<String, Object>>) jwts.publicKeys().toJSONObject(true).get("keys");
        return new JwkSet(keys);
    }
}
