package registration.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.body;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import registration.keys.SigningAlgorithm;
import registration.support.HttpTest;
import registration.support.Mailbox;
import registration.support.StoreApi;
import registration.support.StoreApi.Response;
import registration.support.TestServices;
import tools.jackson.databind.JsonNode;

/**
 * Tokens signed with an ES256 key set (issue 18): the JWKS publishes its public keys, a login token names the active
 * key and our issuer, a key that is no longer active still verifies, an unknown key or a wrong or missing issuer does
 * not; and another service that knows nothing but our JWKS URL and issuer (Spring Security's resource-server decoder
 * behind a route of its own) accepts login tokens and refuses registration, OTP and reset tokens.
 */
@HttpTest
@TestPropertySource(properties = {"customer-registration.registration.require-verification=false",
        "customer-registration.storefront-url=https://shop.example.com/"})
class SigningKeysHttpTests {

    static final ECKey ACTIVE = (ECKey) SigningAlgorithm.ES256.generate("es256-active");
    static final ECKey RETIRING = (ECKey) SigningAlgorithm.ES256.generate("es256-retiring");
    static final ECKey FOREIGN = (ECKey) SigningAlgorithm.ES256.generate("es256-retiring-impostor");
    static final Path KEY_SET = keySet();

    /** The other service: a protected route that checks bearer tokens with nothing but our JWKS URL and issuer. */
    static HttpServer resourceServer;
    static volatile String lastRefusal;

    @Autowired
    StoreApi api;
    @Autowired
    Mailbox mailbox;
    @Value("${local.server.port}")
    int port;

    private static Path keySet() {
        try {
            Path file = Files.createTempFile("signing-keys", ".json");
            Files.writeString(file, new JWKSet(List.of(RETIRING, ACTIVE)).toString(false));
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        registry.add("customer-registration.jwt.algorithm", () -> "ES256");
        registry.add("customer-registration.jwt.key-set", KEY_SET::toString);
        registry.add("customer-registration.jwt.active-key-id", ACTIVE::getKeyID);
    }

    @AfterAll
    static void stopResourceServer() {
        if (resourceServer != null) {
            resourceServer.stop(0);
        }
    }

    @Test
    void theJwksPublishesThePublicKeysWithKidAlgAndUseAndMayBeCached() {
        Response jwks = api.get("/.well-known/jwks.json", null);

        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.header("Cache-Control")).hasValue("public, max-age=300");
        JsonNode keys = jwks.body().path("keys");
        assertThat(keys).hasSize(2); // the HS256 jwt.secret also configured is never published
        for (JsonNode key : keys) {
            assertThat(key.path("kty").asString()).isEqualTo("EC");
            assertThat(key.path("crv").asString()).isEqualTo("P-256");
            assertThat(key.path("alg").asString()).isEqualTo("ES256");
            assertThat(key.path("use").asString()).isEqualTo("sig");
            assertThat(key.has("d")).as("no private part").isFalse();
            assertThat(key.has("k")).as("no symmetric key").isFalse();
        }
        assertThat(keys.findValuesAsString("kid")).containsExactlyInAnyOrder("es256-active", "es256-retiring");
    }

    @Test
    void aLoginTokenIsSignedByTheActiveKeyForOurIssuer() throws Exception {
        String token = loginToken();

        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("es256-active");
        assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(TestServices.PUBLIC_URL);
        assertThat(api.me(token).status()).isEqualTo(200);
    }

    @Test
    void aTokenOfAKeyNoLongerActiveStillVerifiesAndAnUnknownKeyOrAWrongIssuerDoesNot() throws Exception {
        String token = loginToken();
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();

        assertThat(api.me(resigned(claims, RETIRING, RETIRING.getKeyID())).status()).isEqualTo(200);

        assertThat(api.me(resigned(claims, FOREIGN, FOREIGN.getKeyID())).status()).isEqualTo(401);
        assertThat(api.me(resigned(claims, FOREIGN, RETIRING.getKeyID())).status()).isEqualTo(401);
        var wrongIssuer = new JWTClaimsSet.Builder(claims).issuer("https://evil.example").build();
        assertThat(api.me(resigned(wrongIssuer, ACTIVE, ACTIVE.getKeyID())).status()).isEqualTo(401);
        var noIssuer = new JWTClaimsSet.Builder(claims).issuer(null).build();
        Response refused = api.me(resigned(noIssuer, ACTIVE, ACTIVE.getKeyID()));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.text("type")).isEqualTo("unauthorized");
        assertThat(api.me(resigned(claims, ACTIVE, ACTIVE.getKeyID())).status()).as("the control").isEqualTo(200);
    }

    @Test
    void anotherServiceWithOnlyOurJwksUriAndIssuerAcceptsLoginTokensAndRefusesTheOtherKinds() throws Exception {
        String email = StoreApi.newEmail();
        String registration = api.registerEmail(email, StoreApi.PASSWORD).text("token");
        assertThat(callResourceServer(registration)).as("registration token").isEqualTo(401);
        String customerId = api.createCustomer(registration, body("email", email, "first_name", "Ada"))
                .body().path("customer").path("id").asString();
        String login = api.loginEmail(email, StoreApi.PASSWORD).text("token");
        String otp = api.sendOtp(customerId, "email_verification").text("token");
        assertThat(api.post("/auth/customer/emailpass/reset-password", body("identifier", email), null).status())
                .isEqualTo(201);
        String reset = mailbox.linkToken(email, 2);

        assertThat(callResourceServer(login)).as(() -> "login token: " + lastRefusal).isEqualTo(200);
        assertThat(callResourceServer(otp)).as("OTP token").isEqualTo(401);
        assertThat(callResourceServer(reset)).as("reset token").isEqualTo(401);
        assertThat(callResourceServer(login.substring(0, login.length() - 3) + "AAA")).as("tampered").isEqualTo(401);
    }

    private String loginToken() {
        String email = StoreApi.newEmail();
        api.signUpWithEmail(email);
        return api.loginEmail(email, StoreApi.PASSWORD).text("token");
    }

    private static String resigned(JWTClaimsSet claims, ECKey key, String kid) throws Exception {
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).keyID(kid).build(),
                new JWTClaimsSet.Builder(claims).expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    /** GET /protected on the other service with the token as a bearer; its status. */
    private int callResourceServer(String token) throws Exception {
        synchronized (SigningKeysHttpTests.class) {
            if (resourceServer == null) {
                // The recipe of docs/signing-keys.md: the JWKS URL and the issuer, nothing else.
                // (Spring Security assumes RS256 unless told the algorithm: Boot's jws-algorithms property.)
                NimbusJwtDecoder decoder = NimbusJwtDecoder
                        .withJwkSetUri("http://127.0.0.1:" + port + "/.well-known/jwks.json")
                        .jwsAlgorithm(SignatureAlgorithm.ES256).build();
                decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(TestServices.PUBLIC_URL));
                resourceServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                resourceServer.createContext("/protected", exchange -> {
                    String header = exchange.getRequestHeaders().getFirst("Authorization");
                    int status;
                    try {
                        var jwt = decoder.decode(header.substring("Bearer ".length()));
                        status = jwt.getClaimAsString("actor_id").isEmpty() ? 403 : 200;
                    } catch (JwtException e) {
                        lastRefusal = e.getMessage();
                        status = 401;
                    }
                    exchange.sendResponseHeaders(status, -1);
                    exchange.close();
                });
                resourceServer.start();
            }
        }
        HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + resourceServer.getAddress().getPort() + "/protected"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.discarding());
        return response.statusCode();
    }

}
