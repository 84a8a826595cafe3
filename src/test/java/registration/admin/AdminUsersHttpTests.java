package registration.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import registration.CustomerRegistrationApplication;
import registration.support.HttpTest;
import registration.support.StoreApi;
import registration.support.StoreApi.Response;
import registration.support.TestServices;
import tools.jackson.databind.JsonNode;

/** Admin users: list, create, disable / enable, the last enabled admin, one's own password, create-admin --reset-password. */
@HttpTest
class AdminUsersHttpTests {

    @Autowired
    StoreApi api;

    /** A fresh admin created with the CLI, signed in over HTTP. */
    private record Admin(String id, String email, String token) {
    }

    private Admin newAdmin() {
        String email = StoreApi.newEmail();
        assertThat(CustomerRegistrationApplication.createAdmin(args("--email", email, "--password", PASSWORD))).isZero();
        Response login = api.loginAdmin(email, PASSWORD);
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return new Admin(StoreApi.claims(login.text("token")).path("actor_id").asString(), email, login.text("token"));
    }

    @Test
    void listsAndCreatesAdminUsers() {
        Admin admin = newAdmin();
        String email = StoreApi.newEmail();

        Response created = api.post("/admin/users", body("email", email.toUpperCase(), "password", "another-password-1"), admin.token());

        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        JsonNode user = created.body().path("user");
        assertThat(user.path("id").asString()).startsWith("user_");
        assertThat(user.path("email").asString()).isEqualTo(email);
        assertThat(user.path("disabled").asBoolean()).isFalse();
        assertThat(api.loginAdmin(email, "another-password-1").status()).isEqualTo(200);
        Response duplicate = api.post("/admin/users", body("email", email, "password", "another-password-2"), admin.token());
        assertThat(duplicate.status()).isEqualTo(422);
        assertThat(duplicate.text("type")).isEqualTo("duplicate_error");
        Response weak = api.post("/admin/users", body("email", StoreApi.newEmail(), "password", "short"), admin.token());
        assertThat(weak.status()).isEqualTo(400);
        assertThat(api.post("/admin/users", body("email", StoreApi.newEmail()), admin.token()).status()).isEqualTo(400);

        Response list = api.get("/admin/users?limit=100", admin.token());
        assertThat(list.status()).isEqualTo(200);
        List<String> emails = new ArrayList<>();
        list.body().path("users").forEach(u -> emails.add(u.path("email").asString()));
        assertThat(list.body().path("count").asLong()).isGreaterThanOrEqualTo(2);
        if (list.body().path("count").asLong() <= 100) {
            assertThat(emails).contains(admin.email(), email);
        }
    }

    @Test
    void aDisabledAdminsTokenDiesAndItsLoginAnswersAsAWrongPassword() {
        Admin admin = newAdmin();
        Admin other = newAdmin();
        assertThat(api.get("/admin/customers?limit=1", other.token()).status()).isEqualTo(200);

        Response disabled = api.post("/admin/users/" + other.id() + "/disable", null, admin.token());

        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
        assertThat(disabled.body().path("user").path("disabled").asBoolean()).isTrue();
        Response refused = api.get("/admin/customers?limit=1", other.token());
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.text("type")).isEqualTo("unauthorized");
        Response right = api.loginAdmin(other.email(), PASSWORD);
        Response wrong = api.loginAdmin(other.email(), "wrong-password-1");
        assertThat(right.status()).isEqualTo(401);
        assertThat(right.body()).isEqualTo(wrong.body());

        assertThat(api.post("/admin/users/" + other.id() + "/enable", null, admin.token()).status()).isEqualTo(200);
        assertThat(api.get("/admin/customers?limit=1", other.token()).status()).as("old tokens stay dead").isEqualTo(401);
        assertThat(api.loginAdmin(other.email(), PASSWORD).status()).isEqualTo(200);
        assertThat(api.post("/admin/users/user_unknown/disable", null, admin.token()).status()).isEqualTo(404);
    }

    @Test
    void theLastEnabledAdminCannotBeDisabledNotEvenByTwoAdminsDisablingEachOtherAtOnce() {
        Admin first = newAdmin();
        Admin second = newAdmin();
        // Every other admin of the shared database is disabled: these two are the last enabled ones.
        allUsers(first.token()).forEach(u -> {
            String id = u.path("id").asString();
            if (!id.equals(first.id()) && !id.equals(second.id()) && !u.path("disabled").asBoolean()) {
                assertThat(api.post("/admin/users/" + id + "/disable", null, first.token()).status()).isEqualTo(200);
            }
        });

        var a = CompletableFuture.supplyAsync(() -> api.post("/admin/users/" + second.id() + "/disable", null, first.token()));
        var b = CompletableFuture.supplyAsync(() -> api.post("/admin/users/" + first.id() + "/disable", null, second.token()));
        List<Integer> statuses = List.of(a.join().status(), b.join().status());

        // One wins. The other is refused: 409 last_admin when it counted first, or 401 when the winner's commit
        // had already killed its token. Never both disabled.
        assertThat(statuses).containsOnlyOnce(200);
        Response refused = a.join().status() == 200 ? b.join() : a.join();
        assertThat(refused.status()).isIn(401, 409);
        if (refused.status() == 409) {
            assertThat(refused.text("type")).isEqualTo("conflict");
            assertThat(refused.text("code")).isEqualTo("last_admin");
        }
        Admin survivor = a.join().status() == 200 ? first : second;
        Response self = api.post("/admin/users/" + survivor.id() + "/disable", null, survivor.token());
        assertThat(self.status()).isEqualTo(409);
        assertThat(self.text("code")).isEqualTo("last_admin");
        assertThat(api.get("/admin/users", survivor.token()).status()).as("still in").isEqualTo(200);
        List<String> enabled = new ArrayList<>();
        allUsers(survivor.token()).forEach(u -> {
            if (!u.path("disabled").asBoolean()) {
                enabled.add(u.path("id").asString());
            }
        });
        assertThat(enabled).containsExactly(survivor.id());
        // Leave the database with more than one enabled admin for the other tests.
        newAdmin();
    }

    @Test
    void changesItsOwnPasswordWithTheCurrentOneAndEveryOldTokenDies() {
        Admin admin = newAdmin();

        Response wrongCurrent = api.post("/admin/users/me/password",
                body("current_password", "wrong-password-1", "password", "a-new-admin-password"), admin.token());
        assertThat(wrongCurrent.status()).isEqualTo(400);
        assertThat(wrongCurrent.text("type")).isEqualTo("invalid_data");
        assertThat(wrongCurrent.text("code")).isEqualTo("invalid_current_password");
        assertThat(api.loginAdmin(admin.email(), PASSWORD).status()).as("unchanged").isEqualTo(200);

        Response changed = api.post("/admin/users/me/password",
                body("current_password", PASSWORD, "password", "a-new-admin-password"), admin.token());

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(api.get("/admin/users", admin.token()).status()).isEqualTo(401);
        assertThat(api.get("/admin/users", changed.text("token")).status()).isEqualTo(200);
        assertThat(api.loginAdmin(admin.email(), PASSWORD).status()).isEqualTo(401);
        assertThat(api.loginAdmin(admin.email(), "a-new-admin-password").status()).isEqualTo(200);
    }

    @Test
    void createAdminResetsALostPassword() {
        Admin admin = newAdmin();

        assertThat(CustomerRegistrationApplication.createAdmin(args("--email", admin.email(), "--password",
                "a-reset-admin-password", "--reset-password"))).isZero();

        assertThat(api.get("/admin/users", admin.token()).status()).as("its tokens died").isEqualTo(401);
        assertThat(api.loginAdmin(admin.email(), PASSWORD).status()).isEqualTo(401);
        assertThat(api.loginAdmin(admin.email(), "a-reset-admin-password").status()).isEqualTo(200);
        assertThat(CustomerRegistrationApplication.createAdmin(args("--email", StoreApi.newEmail(), "--password",
                "a-reset-admin-password", "--reset-password"))).as("no such admin").isNotZero();
    }

    /** Every admin user, page after page. */
    private List<JsonNode> allUsers(String token) {
        List<JsonNode> users = new ArrayList<>();
        int before;
        do {
            before = users.size();
            Response page = api.get("/admin/users?limit=100&offset=" + users.size(), token);
            assertThat(page.status()).isEqualTo(200);
            page.body().path("users").forEach(users::add);
        } while (users.size() > before);
        return users;
    }

    private static String[] args(String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        TestServices.properties().forEach(p -> all.add("--" + p));
        return all.toArray(String[]::new);
    }
}
