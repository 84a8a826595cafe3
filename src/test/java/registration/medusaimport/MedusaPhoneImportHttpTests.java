package registration.medusaimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import registration.support.HttpTest;
import registration.support.ScryptKdfHashes;
import registration.support.StoreApi;
import registration.support.StoreApi.Response;

/** The seed plugin's {@code phonepass} logins and verification columns come over too (a phone-login store). */
@HttpTest
@ExtendWith(MedusaStore.Available.class)
@TestPropertySource(properties = "customer-registration.registration.identifier=phone")
class MedusaPhoneImportHttpTests {

    static final String PASSWORD = "medusa-phone-password";

    @Autowired
    StoreApi api;
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
    void aVerifiedPhoneLoginLogsInByPhoneWithItsMedusaPasswordAndAnUnverifiedOneMustVerifyFirst() throws Exception {
        String phone = StoreApi.newPhone();
        String id = MedusaStore.newCustomerId();
        medusa.customer(id, null, phone, true, null);
        medusa.execute("UPDATE customer SET phone_verified = true WHERE id = ?", id);
        medusa.login(id, "phonepass", phone, ScryptKdfHashes.medusaHash(PASSWORD));
        String unverifiedPhone = StoreApi.newPhone();
        String unverified = MedusaStore.newCustomerId();
        medusa.customer(unverified, null, unverifiedPhone, true, null);
        medusa.login(unverified, "phonepass", unverifiedPhone, ScryptKdfHashes.medusaHash(PASSWORD));

        ImportSummary summary = medusaImport.run(new ImportOptions(medusa.url(), "postgres", "", false, false, false, 100),
                output::add);

        assertThat(summary.importedCount()).as(String.join("\n", output)).isEqualTo(2);
        Response login = api.loginPhone(phone, PASSWORD);
        assertThat(login.status()).as("%s", login).isEqualTo(200);
        assertThat(StoreApi.claims(login.text("token")).path("actor_id").asString()).isEqualTo(id);
        assertThat(StoreApi.claims(login.text("token")).path("auth_provider").asString()).isEqualTo("phonepass");
        assertThat(api.loginPhone(phone, "another-password").status()).isEqualTo(401);
        Response notYet = api.loginPhone(unverifiedPhone, PASSWORD);
        assertThat(notYet.status()).isEqualTo(403);
        assertThat(notYet.text("code")).isEqualTo("verification_required");
    }

    @Test
    void aCustomerWithBothLoginsGetsOneLoginAccountHoldingBoth() throws Exception {
        String phone = StoreApi.newPhone();
        String email = StoreApi.newEmail();
        String id = MedusaStore.newCustomerId();
        medusa.customer(id, email, phone, true, null);
        medusa.execute("UPDATE customer SET phone_verified = true WHERE id = ?", id);
        medusa.login(id, "emailpass", email, ScryptKdfHashes.medusaHash("email-password-1"));
        medusa.login(id, "phonepass", phone, ScryptKdfHashes.medusaHash(PASSWORD));

        medusaImport.run(new ImportOptions(medusa.url(), "postgres", "", false, false, false, 100), output::add);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM auth_identity WHERE actor_id = :id").param("id", id)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM provider_identity p JOIN auth_identity a ON a.id = p.auth_identity_id
                WHERE a.actor_id = :id""").param("id", id).query(Integer.class).single()).isEqualTo(2);
        assertThat(api.loginPhone(phone, PASSWORD).status()).isEqualTo(200);
    }
}
