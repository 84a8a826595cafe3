package registration.ratelimit;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import registration.web.RoutedPath;

/**
 * The routes that share one per-IP bucket, with SPEC 8a's default capacity and refill per minute. Phonepass
 * twins sit with their emailpass routes; {@code login} also covers admin login. Two groups cover
 * authenticated routes (SPEC 11 "Names"): {@code register} also holds {@code POST /store/customers} (the second
 * step of a sign-up, which writes a customer row), and {@code contact-change} the request that sends a code
 * to a new address and tells whether another account holds it.
 */
enum RouteGroup {
    LOGIN("login", 30, 30,
            "/auth/customer/emailpass", "/auth/customer/phonepass", "/auth/user/emailpass", "/admin/users/me/password"),
    REGISTER("register", 10, 10,
            "/auth/customer/emailpass/register", "/auth/customer/phonepass/register", "/store/customers"),
    CONTACT_CHANGE("contact-change", 5, 5,
            "/store/customers/me/contact"),
    OTP_SEND("otp-send", 10, 10,
            "/store/customers/otp/send"),
    OTP_VERIFY("otp-verify", 30, 30,
            "/store/customers/otp/verify", "/store/customers/account-deletion/confirm",
            "/store/customers/account-deletion/cancel-confirm", "/store/customers/me/contact/verify"),
    RESET("reset", 5, 5,
            "/auth/customer/emailpass/reset-password", "/auth/customer/phonepass/reset-password",
            "/auth/customer/emailpass/update", "/auth/customer/phonepass/update"),
    DELETION_CANCEL("deletion-cancel", 5, 5,
            "/store/customers/account-deletion/cancel-request");

    private static final Map<String, RouteGroup> BY_PATH = new HashMap<>();

    static {
        for (RouteGroup group : values()) {
            group.paths.forEach(path -> BY_PATH.put(path, group));
        }
    }

    private final String id;
    private final int defaultCapacity;
    private final int defaultPerMinute;
    private final Set<String> paths;

    RouteGroup(String id, int defaultCapacity, int defaultPerMinute, String... paths) {
        this.id = id;
        this.defaultCapacity = defaultCapacity;
        this.defaultPerMinute = defaultPerMinute;
        this.paths = Set.of(paths);
    }

    /** The name under {@code customer-registration.rate-limit.groups}. */
    String id() {
        return id;
    }

    int defaultCapacity() {
        return defaultCapacity;
    }

    int defaultPerMinute() {
        return defaultPerMinute;
    }

    /**
     * The group of a request, from its raw (still encoded) URI read as {@link RoutedPath} reads it, so that an
     * encoded or decorated spelling of a limited route cannot reach its controller unlimited.
     */
    static Optional<RouteGroup> of(String requestUri, String contextPath) {
        String path = RoutedPath.of(requestUri, contextPath);
        return path == null ? Optional.empty() : Optional.ofNullable(BY_PATH.get(path));
    }
}
