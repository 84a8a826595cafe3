package registration.admin;

import java.util.UUID;

import org.springframework.context.ApplicationContext;

import registration.support.StoreApi;

/** Admin users for HTTP tests: created the way {@code create-admin} does, signed in over HTTP. */
public final class TestAdmins {

    private TestAdmins() {
    }

    /** A fresh admin user with {@link StoreApi#PASSWORD}; returns its email. */
    public static String create(ApplicationContext context) {
        String email = "admin-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
        context.getBean(AdminUsers.class).create(email, StoreApi.PASSWORD);
        return email;
    }

    /** A fresh admin user's login token ({@code POST /auth/user/emailpass}). */
    public static String loginToken(ApplicationContext context, StoreApi api) {
        String email = create(context);
        StoreApi.Response login = api.loginAdmin(email, StoreApi.PASSWORD);
        if (login.status() != 200) {
            throw new AssertionError("Admin login failed: " + login);
        }
        return login.text("token");
    }
}
