package registration.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import registration.CustomerRegistrationApplication;
import registration.support.HttpTest;
import registration.support.StoreApi;
import registration.support.StoreApi.Response;
import registration.support.TestServices;

/** {@code create-admin --email E --password P} against the same database, then admin login over HTTP. */
@HttpTest
class CreateAdminCommandHttpTests {

    @Autowired
    StoreApi api;

    @Test
    void createsAnAdminWhoCanLogInAsAUserButNotAsACustomer() {
        String email = StoreApi.newEmail();
        assertThat(CustomerRegistrationApplication.createAdmin(args("--email", email, "--password", "admin-password-1")))
                .isZero();

        Response login = api.loginAdmin(email, "admin-password-1");
        assertThat(login.status()).isEqualTo(200);
        var claims = StoreApi.claims(login.text("token"));
        assertThat(claims.path("actor_type").asString()).isEqualTo("user");
        assertThat(claims.path("actor_id").asString()).startsWith("user_");
        assertThat(claims.path("app_metadata").path("user_id").asString()).isEqualTo(claims.path("actor_id").asString());

        assertThat(api.loginAdmin(email, "wrong-password-1").status()).isEqualTo(401);
        assertThat(api.loginEmail(email, "admin-password-1").status()).isEqualTo(401);
        assertThat(api.me(login.text("token")).status()).isEqualTo(401);
    }

    @Test
    void failsWithoutCreatingAnythingOnADuplicateOrAMissingPassword() {
        String email = StoreApi.newEmail();
        assertThat(CustomerRegistrationApplication.createAdmin(args("--email", email, "--password", "admin-password-1"))).isZero();
        assertThat(CustomerRegistrationApplication.createAdmin(args("--email", email, "--password", "admin-password-2"))).isNotZero();
        assertThat(CustomerRegistrationApplication.createAdmin(args("--email", StoreApi.newEmail()))).isNotZero();
        assertThat(api.loginAdmin(email, "admin-password-2").status()).isEqualTo(401);
    }

    private static String[] args(String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        TestServices.properties().forEach(p -> all.add("--" + p));
        return all.toArray(String[]::new);
    }
}
