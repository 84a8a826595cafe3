package registration.medusaimport;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.body;

import java.io.InputStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import registration.CustomerRegistrationApplication;
import registration.support.HttpTest;
import registration.support.Mailbox;
import registration.support.ScryptKdfHashes;
import registration.support.StoreApi;
import registration.support.StoreApi.Response;
import registration.support.TestServices;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code import-medusa}: a Medusa store's customers come over with their passwords, and a careless or repeated
 * run cannot hijack, merge or resurrect anyone here. Each test imports from a Medusa database of its own.
 */
@HttpTest
@ExtendWith(MedusaStore.Available.class)
@TestPropertySource(properties = "customer-registration.account-deletion-request.scheduled-days=0")
class MedusaImportHttpTests {

    static final String PASSWORD = "medusa-password-1";

    @Autowired
    StoreApi api;
    @Autowired
    Mailbox mailbox;
    @Autowired
    MedusaImport medusaImport;
    @Autowired
    JdbcClient jdbc;

    MedusaStore medusa;
    final List<String> output = new ArrayList<>();

    @BeforeEach
    void medusaStore() {
        medusa = new MedusaStore();
    }

    @AfterEach
    void dropMedusaStore() {
        medusa.close();
    }

    @Test
    void theCommandBringsCustomersOverAndTheirMedusaPasswordsLogInAtOnce() throws Exception {
        String email = StoreApi.newEmail();
        String id = medusa.customerWithPassword(email.toUpperCase(), ScryptKdfHashes.medusaHash(PASSWORD));
        List<String[]> vectors = new ArrayList<>(); // made by the real scrypt-kdf npm package, Medusa's default parameters
        for (JsonNode vector : scryptKdfVectors()) {
            String vectorEmail = StoreApi.newEmail();
            vectors.add(new String[]{vectorEmail, vector.path("password").asString(),
                    medusa.customerWithPassword(vectorEmail, vector.path("hash").asString())});
        }
        String guest = StoreApi.newEmail();
        medusa.customer(MedusaStore.newCustomerId(), guest, null, false, null);
        String deleted = StoreApi.newEmail();
        String deletedId = MedusaStore.newCustomerId();
        medusa.customer(deletedId, deleted, null, true, OffsetDateTime.parse("2025-01-01T00:00:00Z"));
        medusa.login(deletedId, "emailpass", deleted, ScryptKdfHashes.medusaHash(PASSWORD));

        assertThat(CustomerRegistrationApplication.importMedusa(command("--from", medusa.url(), "--from-user", "postgres")))
                .isZero();

        Response login = api.loginEmail(email, PASSWORD);
        assertThat(login.status()).as("login with the Medusa password: %s", login).isEqualTo(200);
        assertThat(StoreApi.claims(login.text("token")).path("actor_id").asString()).isEqualTo(id);
        JsonNode customer = api.me(login.text("token")).body().path("customer");
        assertThat(customer.path("id").asString()).isEqualTo(id);
        assertThat(customer.path("email").asString()).isEqualTo(email);
        assertThat(customer.path("email_verified").asBoolean()).as("an emailpass account was a full account in Medusa").isTrue();
        assertThat(customer.path("first_name").asString()).isEqualTo("Ada");
        assertThat(customer.path("company_name").asString()).isEqualTo("Analytical Engines Ltd");
        assertThat(customer.path("metadata").path("tier").asString()).isEqualTo("gold");
        assertThat(customer.path("created_at").asString()).isEqualTo("2024-05-01T10:15:30.123Z");
        assertThat(api.loginEmail(email, "medusa-password-2").status()).isEqualTo(401);
        for (String[] vector : vectors) {
            Response vectorLogin = api.loginEmail(vector[0], vector[1]);
            assertThat(vectorLogin.status()).as("scrypt-kdf vector for %s", vector[1]).isEqualTo(200);
            assertThat(StoreApi.claims(vectorLogin.text("token")).path("actor_id").asString()).isEqualTo(vector[2]);
        }
        assertThat(api.loginEmail(guest, PASSWORD).status()).as("guests have no login").isEqualTo(401);
        assertThat(api.loginEmail(deleted, PASSWORD).status()).as("deleted in Medusa").isEqualTo(401);
        assertThat(customerRows(deletedId)).isZero();
    }

    @Test
    void theFirstLoginReplacesTheScryptHashWithArgon2idAndTheSamePasswordKeepsWorking() throws Exception {
        String email = StoreApi.newEmail();
        String id = medusa.customerWithPassword(email, ScryptKdfHashes.medusaHash(PASSWORD));
        run(false);
        assertThat(storedHash(id)).startsWith("$scrypt-kdf$");

        assertThat(api.loginEmail(email, "not-the-password").status()).isEqualTo(401);
        assertThat(storedHash(id)).as("a wrong password changes nothing").startsWith("$scrypt-kdf$");
        assertThat(api.loginEmail(email, PASSWORD).status()).isEqualTo(200);

        assertThat(storedHash(id)).startsWith("$argon2id$");
        assertThat(api.loginEmail(email, PASSWORD).status()).isEqualTo(200);
        assertThat(api.loginEmail(email, "not-the-password").status()).isEqualTo(401);
    }

    @Test
    void aSecondRunChangesNothingAndALaterRunAddsOnlyNewSignUps() throws Exception {
        String email = StoreApi.newEmail();
        String id = medusa.customerWithPassword(email, ScryptKdfHashes.medusaHash(PASSWORD));
        assertThat(run(false).importedCount()).isEqualTo(1);
        String token = api.loginEmail(email, PASSWORD).text("token");
        assertThat(api.updateMe(token, body("first_name", "Augusta")).status()).isEqualTo(200);
        String argon2 = storedHash(id);

        ImportSummary again = run(false);
        assertThat(again.importedCount()).isZero();
        assertThat(again.count(SkipReason.ID_EXISTS)).isEqualTo(1);
        assertThat(api.me(token).body().path("customer").path("first_name").asString())
                .as("an existing id is never updated").isEqualTo("Augusta");
        assertThat(storedHash(id)).as("the re-hashed password is not put back").isEqualTo(argon2);

        String newcomer = StoreApi.newEmail();
        medusa.customerWithPassword(newcomer, ScryptKdfHashes.medusaHash("newcomer-password"));
        ImportSummary later = run(false);
        assertThat(later.importedCount()).isEqualTo(1);
        assertThat(later.count(SkipReason.ID_EXISTS)).isEqualTo(1);
        assertThat(api.loginEmail(newcomer, "newcomer-password").status()).isEqualTo(200);
    }

    @Test
    void aDryRunReportsWhatWouldHappenAndWritesNothing() throws Exception {
        String email = StoreApi.newEmail();
        String id = medusa.customerWithPassword(email, ScryptKdfHashes.medusaHash(PASSWORD));
        String badHash = medusa.customerWithPassword(StoreApi.newEmail(), "$2b$10$" + "a".repeat(53));

        ImportSummary dry = run(true);

        assertThat(dry.importedCount()).isEqualTo(1);
        assertThat(dry.count(SkipReason.UNSUPPORTED_PASSWORD_HASH)).isEqualTo(1);
        assertThat(output).anyMatch(line -> line.startsWith("skipped " + badHash + ": unsupported_password_hash"));
        assertThat(output.get(output.size() - 1)).startsWith("[dry run] read 2 customers; would import 1 customers");
        assertThat(customerRows(id)).isZero();
        assertThat(api.loginEmail(email, PASSWORD).status()).isEqualTo(401);

        assertThat(run(false).importedCount()).as("the real run does what the dry run said").isEqualTo(1);
        assertThat(api.loginEmail(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void anEmailOrPhoneAnotherCustomerHoldsHereIsReportedPerRowAndSkippedNeverMerged() throws Exception {
        String email = StoreApi.newEmail();
        String localId = api.signUpWithEmail(email).customer().path("id").asString();
        // The same address in Medusa, typed in another case: taking it over would hand the local account to
        // whoever knows the Medusa password.
        String clash = medusa.customerWithPassword(email.toUpperCase(), ScryptKdfHashes.medusaHash(PASSWORD));
        String phone = StoreApi.newPhone();
        String first = MedusaStore.newCustomerId();
        String second = MedusaStore.newCustomerId();
        medusa.customer(first, StoreApi.newEmail(), phone, true, null);
        medusa.customer(second, StoreApi.newEmail(), phone.substring(0, 2) + " " + phone.substring(2), true, null);

        ImportSummary summary = run(false);

        assertThat(summary.count(SkipReason.EMAIL_TAKEN)).isEqualTo(1);
        assertThat(summary.count(SkipReason.PHONE_TAKEN)).isEqualTo(1);
        assertThat(summary.importedCount()).isEqualTo(1);
        assertThat(output).contains("skipped " + clash + ": email_taken (" + email.charAt(0) + "***@example.com)");
        assertThat(output).anyMatch(line -> line.startsWith("skipped " + second + ": phone_taken"));
        assertThat(output).noneMatch(line -> line.contains(email) || line.contains(phone));
        assertThat(api.loginEmail(email, PASSWORD).status()).isEqualTo(401);
        // The local customer's own password is still the right one (403: right password, email not yet verified).
        assertThat(api.loginEmail(email, StoreApi.PASSWORD).text("code")).isEqualTo("verification_required");
        assertThat(jdbc.sql("SELECT id FROM customer WHERE email = :email").param("email", email).query(String.class).single())
                .isEqualTo(localId);
        assertThat(customerRows(clash)).isZero();
        assertThat(customerRows(second)).isZero();
    }

    @Test
    void aHashThatIsNotScryptKdfIsRefusedAtImportAndNothingIsStoredForThatCustomer() throws Exception {
        String email = StoreApi.newEmail();
        String bcrypt = medusa.customerWithPassword(email, "$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy");
        byte[] forged = java.util.Base64.getDecoder().decode(ScryptKdfHashes.medusaHash(PASSWORD));
        forged[10] ^= 1; // parameters changed without the checksum
        String tampered = medusa.customerWithPassword(StoreApi.newEmail(), java.util.Base64.getEncoder().encodeToString(forged));

        ImportSummary summary = run(false);

        assertThat(summary.count(SkipReason.UNSUPPORTED_PASSWORD_HASH)).isEqualTo(2);
        assertThat(output).contains("skipped " + bcrypt + ": unsupported_password_hash (password hash is not base64)",
                "skipped " + tampered + ": unsupported_password_hash (scrypt-kdf header checksum does not match)");
        assertThat(customerRows(bcrypt)).isZero();
        assertThat(customerRows(tampered)).isZero();
        assertThat(api.registerEmail(email, "a-new-password-1").status())
                .as("the address is still free to sign up here").isEqualTo(200);
    }

    @Test
    void anIdThatExistsHereOrWasErasedHereIsSkippedAndReportedNeverResurrected() throws Exception {
        String localEmail = StoreApi.newEmail();
        String localId = api.signUpWithEmail(localEmail).customer().path("id").asString();
        medusa.customer(localId, StoreApi.newEmail(), null, true, null); // an id that is already someone here
        String email = StoreApi.newEmail();
        String id = medusa.customerWithPassword(email, ScryptKdfHashes.medusaHash(PASSWORD));
        run(false);

        // The imported customer deletes their account here, like anyone (scheduled-days = 0: at the next sweep).
        String token = api.loginEmail(email, PASSWORD).text("token");
        String requestToken = api.requestDeletion(token, body("reason", "moving on")).text("token");
        assertThat(api.confirmDeletion(requestToken, mailbox.lastCode(email)).status()).isEqualTo(200);
        awaitErased(id);

        output.clear();
        ImportSummary again = run(false);

        assertThat(again.importedCount()).isZero();
        assertThat(again.count(SkipReason.ID_ERASED)).isEqualTo(1);
        assertThat(again.count(SkipReason.ID_EXISTS)).isEqualTo(1);
        assertThat(output).contains("skipped " + id + ": id_erased");
        assertThat(api.loginEmail(email, PASSWORD).status()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT email FROM customer WHERE id = :id").param("id", id).query(String.class).optional())
                .isEmpty();
        assertThat(jdbc.sql("SELECT email FROM customer WHERE id = :id").param("id", localId).query(String.class).single())
                .as("the local customer with that id is untouched").isEqualTo(localEmail);
    }

    @Test
    void withUnverifiedTheImportedCustomerVerifiesTheirEmailByOtpAndThenLogsIn() throws Exception {
        String email = StoreApi.newEmail();
        String id = medusa.customerWithPassword(email, ScryptKdfHashes.medusaHash(PASSWORD));
        output.clear();
        medusaImport.run(new ImportOptions(medusa.url(), "postgres", "", false, false, true, 100), output::add);

        Response refused = api.loginEmail(email, PASSWORD);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("code")).isEqualTo("verification_required");
        Response sent = api.sendOtp(id, "email_verification");
        assertThat(sent.status()).isEqualTo(200);
        Response verified = api.verifyOtp(sent.text("token"), mailbox.lastCode(email));
        assertThat(verified.status()).isEqualTo(200);
        assertThat(api.loginEmail(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void phonesAreNormalisedToE164AndOneThatDoesNotParseIsLeftOutAndReported() throws Exception {
        String phone = StoreApi.newPhone();
        String spaced = MedusaStore.newCustomerId();
        String email = StoreApi.newEmail();
        medusa.customer(spaced, email, "+1 (" + phone.substring(2, 5) + ") " + phone.substring(5, 8) + "-" + phone.substring(8), true, null);
        medusa.login(spaced, "emailpass", email, ScryptKdfHashes.medusaHash(PASSWORD));
        String junk = MedusaStore.newCustomerId();
        String junkEmail = StoreApi.newEmail();
        medusa.customer(junk, junkEmail, "call me maybe", true, null);
        medusa.login(junk, "emailpass", junkEmail, ScryptKdfHashes.medusaHash(PASSWORD));

        ImportSummary summary = run(false);

        assertThat(summary.importedCount()).isEqualTo(2);
        assertThat(summary.count(SkipReason.PHONE_DROPPED)).isEqualTo(1);
        assertThat(output).contains("note " + junk + ": phone_not_e164 (left out of the customer)");
        assertThat(api.me(api.loginEmail(email, PASSWORD).text("token")).body().path("customer").path("phone").asString())
                .isEqualTo(phone);
        assertThat(api.me(api.loginEmail(junkEmail, PASSWORD).text("token")).body().path("customer").path("phone").isNull())
                .isTrue();
    }

    @Test
    void adminUsersAreNotCustomersAndComeOverOnlyWithIncludeAdmins() throws Exception {
        String email = StoreApi.newEmail();
        String userId = "user_" + com.github.f4b6a3.ulid.UlidCreator.getMonotonicUlid();
        medusa.adminLogin(userId, email, ScryptKdfHashes.medusaHash(PASSWORD));

        ImportSummary withoutAdmins = run(false);
        assertThat(withoutAdmins.count(SkipReason.ADMIN_USER)).isEqualTo(1);
        assertThat(api.loginAdmin(email, PASSWORD).status()).isEqualTo(401);
        assertThat(api.loginEmail(email, PASSWORD).status()).isEqualTo(401);

        ImportSummary withAdmins = medusaImport.run(
                new ImportOptions(medusa.url(), "postgres", "", false, true, false, 100), output::add);
        assertThat(withAdmins.importedAdminCount()).isEqualTo(1);
        Response admin = api.loginAdmin(email, PASSWORD);
        assertThat(admin.status()).isEqualTo(200);
        assertThat(StoreApi.claims(admin.text("token")).path("actor_id").asString()).isEqualTo(userId);
        assertThat(api.loginEmail(email, PASSWORD).status()).as("still not a customer").isEqualTo(401);
    }

    @Test
    void twoImportsAtOnceOnTwoInstancesImportEachCustomerExactlyOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            ids.add(medusa.customerWithPassword(StoreApi.newEmail(), "c2NyeXB0AAoAAAAEAAAAATasnru3Fc+VHFhsOpJq3dj+cwckcFWM3mdQTvniceOt2xVXw73uWBRbsdscbS3WzDOwBtccBfzAHqLbnoADVvQraT7S2kBg451ZvCtkmP1a"));
        }
        var options = new ImportOptions(medusa.url(), "postgres", "", false, false, false, 20);
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<ImportSummary>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return medusaImport.run(options, line -> { });
                }));
            }
            start.countDown();
            ImportSummary one = runs.get(0).get();
            ImportSummary other = runs.get(1).get();

            assertThat(one.importedCount() + other.importedCount()).as(one.line() + " | " + other.line()).isEqualTo(120);
            assertThat(one.count(SkipReason.ID_EXISTS) + other.count(SkipReason.ID_EXISTS)).as(one.line() + " | " + other.line())
                    .isEqualTo(120);
            assertThat(one.skippedCount() + other.skippedCount()).as("nothing else was skipped").isEqualTo(120);
        } finally {
            pool.shutdownNow();
        }
        for (String id : ids) {
            assertThat(customerRows(id)).isEqualTo(1);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM auth_identity WHERE actor_id = :id").param("id", id)
                    .query(Integer.class).single()).as("one login account for %s", id).isEqualTo(1);
        }
    }

    @Test
    void aRowTheDatabaseCannotHoldIsSkippedAloneAndTheRestOfItsBatchIsImported() throws Exception {
        String before = medusa.customerWithPassword(StoreApi.newEmail(), ScryptKdfHashes.medusaHash(PASSWORD));
        String tooLong = medusa.customerWithPassword(StoreApi.newEmail(), ScryptKdfHashes.medusaHash(PASSWORD));
        String after = medusa.customerWithPassword(StoreApi.newEmail(), ScryptKdfHashes.medusaHash(PASSWORD));
        medusa.execute("UPDATE customer SET first_name = repeat('x', 300) WHERE id = ?", tooLong);

        ImportSummary summary = run(false);

        assertThat(summary.importedCount()).isEqualTo(2);
        assertThat(summary.count(SkipReason.REJECTED_BY_DATABASE)).isEqualTo(1);
        assertThat(output).contains("skipped " + tooLong + ": rejected_by_database");
        assertThat(customerRows(before)).isEqualTo(1);
        assertThat(customerRows(after)).isEqualTo(1);
        assertThat(customerRows(tooLong)).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM auth_identity WHERE actor_id = :id").param("id", tooLong)
                .query(Integer.class).single()).as("no login without its customer").isZero();
    }

    @Test
    void aStoreWithoutTheSeedPluginImportsEmailLoginsAsVerifiedAndPhonesAsUnverified() throws Exception {
        medusa.close();
        medusa = new MedusaStore(false);
        String email = StoreApi.newEmail();
        String phone = StoreApi.newPhone();
        String id = MedusaStore.newCustomerId();
        medusa.customer(id, email, phone, true, null);
        medusa.login(id, "emailpass", email, ScryptKdfHashes.medusaHash(PASSWORD));

        assertThat(run(false).importedCount()).isEqualTo(1);

        JsonNode customer = api.me(api.loginEmail(email, PASSWORD).text("token")).body().path("customer");
        assertThat(customer.path("email_verified").asBoolean()).isTrue();
        assertThat(customer.path("phone").asString()).isEqualTo(phone);
        assertThat(customer.path("phone_verified").asBoolean()).isFalse();
    }

    private ImportSummary run(boolean dryRun) throws Exception {
        return medusaImport.run(new ImportOptions(medusa.url(), "postgres", "", dryRun, false, false, 100), output::add);
    }

    private String storedHash(String customerId) {
        return jdbc.sql("""
                SELECT p.password_hash FROM provider_identity p JOIN auth_identity a ON a.id = p.auth_identity_id
                WHERE a.actor_type = 'customer' AND a.actor_id = :id""").param("id", customerId).query(String.class).single();
    }

    private int customerRows(String customerId) {
        return jdbc.sql("SELECT COUNT(*) FROM customer WHERE id = :id").param("id", customerId).query(Integer.class).single();
    }

    private void awaitErased(String customerId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (jdbc.sql("SELECT COUNT(*) FROM customer WHERE id = :id AND deleted_at IS NOT NULL")
                .param("id", customerId).query(Integer.class).single() == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The deletion of " + customerId + " was not carried out within 30 s");
            }
            Thread.sleep(100);
        }
    }

    private static JsonNode scryptKdfVectors() throws Exception {
        try (InputStream in = MedusaImportHttpTests.class.getResourceAsStream("/medusaimport/scrypt-kdf-vectors.json")) {
            return JsonMapper.builder().build().readTree(in).path("vectors");
        }
    }

    private static String[] command(String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        TestServices.properties().forEach(p -> all.add("--" + p));
        return all.toArray(String[]::new);
    }
}
