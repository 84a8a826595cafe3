package registration.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import registration.config.DbTime;
import registration.support.HttpTest;
import registration.support.Mailbox;
import registration.support.SmsInbox;
import registration.support.StoreApi;
import registration.support.StoreApi.Response;
import registration.support.TestClock;
import registration.support.TestServices;

/**
 * Rotating the master {@code secret-key} (the new one current, the old one under {@code previous-secret-keys}) and
 * upgrading from a version that derived every key from {@code jwt.secret}: a code sent before still verifies and a
 * message queued before is still delivered. The rows are written here exactly as the old master (or the old
 * {@code Jwts.deriveKey}) wrote them.
 */
@HttpTest
@TestPropertySource(properties = {
        "customer-registration.secret-key=" + ServiceKeyRotationHttpTests.NEW_MASTER,
        "customer-registration.previous-secret-keys[0]=" + ServiceKeyRotationHttpTests.OLD_MASTER,
        "customer-registration.notifications.sms.webhook.secret="})
class ServiceKeyRotationHttpTests {

    static final String OLD_MASTER = "the-master-secret-key-before-the-rotation-0001";
    static final String NEW_MASTER = "the-master-secret-key-after-the-rotation-000002";

    @Autowired
    StoreApi api;
    @Autowired
    Mailbox mailbox;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;
    @Autowired
    SmsInbox sms;

    /** No SMS webhook secret configured: signed with the secrets derived from the new and the previous master. */
    @Test
    void aWebhookWithoutASecretIsSignedWithTheDerivedSecretsOfEveryConfiguredMaster() throws Exception {
        String email = StoreApi.newEmail();
        Response signUp = api.signUpWithEmail(email);
        String login = api.verifyOtp(signUp.body().path("verification").path("token").asString(), mailbox.lastCode(email))
                .text("token");
        String phone = StoreApi.newPhone();
        assertThat(api.requestContactChange(login, StoreApi.body("phone", phone)).status()).isEqualTo(200);
        SmsInbox.Sms text = sms.awaitMessage(phone, 1);

        String id = header(text, "webhook-id");
        String timestamp = header(text, "webhook-timestamp");
        String signed = id + "." + timestamp + "." + text.rawBody();
        List<String> expected = new java.util.ArrayList<>();
        for (String master : List.of(NEW_MASTER, OLD_MASTER)) {
            String secret = ServiceKeys.of(master, List.of(), null, false).webhookSecret(ServiceKeys.WEBHOOK_SMS);
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            expected.add("v1," + Base64.getEncoder().encodeToString(hmac(key, signed.getBytes(StandardCharsets.UTF_8))));
        }
        assertThat(header(text, "webhook-signature")).isEqualTo(String.join(" ", expected));
        assertThat(id).startsWith("msg_");
        assertThat(text.headers().keySet()).noneMatch(name -> name.equalsIgnoreCase("X-Signature"));
    }

    private static String header(SmsInbox.Sms text, String name) {
        return text.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst().orElseThrow(() -> new AssertionError("no " + name + " header"));
    }

    @Test
    void rowsRecordTheIdOfTheCurrentMaster() {
        String email = StoreApi.newEmail();
        String customerId = api.signUpWithEmail(email).body().path("customer").path("id").asString();
        mailbox.awaitMessage(email, 1);

        String keyId = ServiceKeys.of(NEW_MASTER, List.of(), null, false).currentId();
        assertThat(jdbc.sql("SELECT key_id FROM otp_code WHERE customer_id = :id").param("id", customerId)
                .query(String.class).single()).isEqualTo(keyId);
        assertThat(keyId).matches("k[0-9a-f]{10}");
    }

    @Test
    void aCodeSentUnderThePreviousMasterStillVerifies() {
        ServiceKeys old = ServiceKeys.of(OLD_MASTER, List.of(), null, false);
        assertVerifiesWhenHashedWith(old.current("otp-code-hmac").bytes(), old.currentId());
    }

    @Test
    void aCodeSentBeforeTheUpgradeVerifiesWithTheLegacyKeyOfTheJwtSecret() {
        assertVerifiesWhenHashedWith(legacyKey("otp-code-hmac"), null);
    }

    @Test
    void aCodeHashedUnderAMasterNoLongerConfiguredDoesNotVerify() {
        ServiceKeys gone = ServiceKeys.of("a-master-secret-key-that-was-retired-00000003", List.of(), null, false);
        String email = StoreApi.newEmail();
        Response signUp = api.signUpWithEmail(email);
        String code = mailbox.lastCode(email);
        rehash(signUp, code, gone.current("otp-code-hmac").bytes(), gone.currentId());

        Response verified = api.verifyOtp(signUp.body().path("verification").path("token").asString(), code);

        assertThat(verified.status()).isEqualTo(400);
    }

    @Test
    void aMessageQueuedUnderThePreviousMasterIsStillDelivered() throws Exception {
        ServiceKeys old = ServiceKeys.of(OLD_MASTER, List.of(), null, false);
        assertDeliveredWhenSealedWith(old.current("outbox-payload-aes").bytes(), old.currentId());
    }

    @Test
    void aMessageQueuedBeforeTheUpgradeIsDeliveredWithTheLegacyKey() throws Exception {
        assertDeliveredWhenSealedWith(legacyKey("outbox-payload-aes"), null);
    }

    private void assertVerifiesWhenHashedWith(byte[] key, String keyId) {
        String email = StoreApi.newEmail();
        Response signUp = api.signUpWithEmail(email);
        String code = mailbox.lastCode(email);
        rehash(signUp, code, key, keyId);

        Response verified = api.verifyOtp(signUp.body().path("verification").path("token").asString(), code);

        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body().path("email_verified").asBoolean()).isTrue();
    }

    /** Rewrites the sign-up code's row as the other key would have written it. */
    private void rehash(Response signUp, String code, byte[] key, String keyId) {
        String customerId = signUp.body().path("customer").path("id").asString();
        int updated = jdbc.sql("UPDATE otp_code SET code_hash = :hash, key_id = :keyId WHERE customer_id = :id")
                .param("hash", HexFormat.of().formatHex(hmac(key, code.trim().toUpperCase().getBytes(StandardCharsets.UTF_8))))
                .param("keyId", keyId).param("id", customerId).update();
        assertThat(updated).isEqualTo(1);
    }

    private void assertDeliveredWhenSealedWith(byte[] key, String keyId) throws Exception {
        String email = StoreApi.newEmail();
        String payload = "{\"subject\":\"Queued before the rotation\",\"body\":\"Hello from the old key\",\"html\":false}";
        jdbc.sql("""
                INSERT INTO notification_outbox (id, channel, recipient, purpose, payload, key_id, status, attempts,
                                                 next_attempt_at, created_at)
                VALUES (:id, 'EMAIL', :recipient, 'notice', :payload, :keyId, 'pending', 0, :now, :now)""")
                .param("id", "msg_rotation_" + System.nanoTime()).param("recipient", email)
                .param("payload", seal(key, payload)).param("keyId", keyId)
                .param("now", DbTime.of(clock.instant().minusSeconds(1))).update();

        var message = mailbox.awaitMessage(email, 1);

        assertThat(Mailbox.subject(message)).isEqualTo("Queued before the rotation");
        assertThat(Mailbox.body(message)).contains("Hello from the old key");
    }

    /** What {@code Jwts.deriveKey(label)} returned before issue 18: HMAC-SHA256 of the label under jwt.secret. */
    private static byte[] legacyKey(String label) {
        return hmac(TestServices.JWT_SECRET.getBytes(StandardCharsets.UTF_8), label.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The outbox's sealing: AES-256-GCM, a 12-byte IV before the ciphertext, base64. */
    private static String seal(byte[] key, String plain) throws Exception {
        byte[] iv = new byte[12];
        new SecureRandom().nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
        byte[] out = Arrays.copyOf(iv, iv.length + sealed.length);
        System.arraycopy(sealed, 0, out, iv.length, sealed.length);
        return Base64.getEncoder().encodeToString(out);
    }

}
