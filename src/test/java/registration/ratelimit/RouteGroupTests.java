package registration.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class RouteGroupTests {

    @Test
    void mapsEveryUnauthenticatedRouteToItsGroup() {
        Map<String, RouteGroup> routes = Map.ofEntries(
                Map.entry("/auth/customer/emailpass", RouteGroup.LOGIN),
                Map.entry("/auth/customer/phonepass", RouteGroup.LOGIN),
                Map.entry("/auth/user/emailpass", RouteGroup.LOGIN),
                Map.entry("/admin/users/me/password", RouteGroup.LOGIN),
                Map.entry("/auth/customer/emailpass/register", RouteGroup.REGISTER),
                Map.entry("/auth/customer/phonepass/register", RouteGroup.REGISTER),
                Map.entry("/store/customers", RouteGroup.REGISTER),
                Map.entry("/store/customers/me/contact", RouteGroup.CONTACT_CHANGE),
                Map.entry("/store/customers/otp/send", RouteGroup.OTP_SEND),
                Map.entry("/store/customers/otp/verify", RouteGroup.OTP_VERIFY),
                Map.entry("/store/customers/account-deletion/confirm", RouteGroup.OTP_VERIFY),
                Map.entry("/store/customers/account-deletion/cancel-confirm", RouteGroup.OTP_VERIFY),
                Map.entry("/store/customers/me/contact/verify", RouteGroup.OTP_VERIFY),
                Map.entry("/auth/customer/emailpass/reset-password", RouteGroup.RESET),
                Map.entry("/auth/customer/phonepass/reset-password", RouteGroup.RESET),
                Map.entry("/auth/customer/emailpass/update", RouteGroup.RESET),
                Map.entry("/auth/customer/phonepass/update", RouteGroup.RESET),
                Map.entry("/store/customers/account-deletion/cancel-request", RouteGroup.DELETION_CANCEL));

        routes.forEach((path, group) -> assertThat(RouteGroup.of(path, "")).as(path).contains(group));
    }

    @Test
    void leavesOtherRoutesUnlimited() {
        for (String path : new String[] {"/", "/store/customers/me",
                "/store/customers/account-deletion/request", "/auth/token/refresh", "/auth/session",
                "/admin/account-deletion-requests", "/admin/customers", "/admin/users", "/auth/customer/emailpass/registerx", "/actuator/health"}) {
            assertThat(RouteGroup.of(path, "")).as(path).isEmpty();
        }
    }

    @Test
    void readsThePathAsTheRoutesAreMatchedSoThatNoSpellingEscapes() {
        assertThat(RouteGroup.of("/auth/customer/%65mailpass", "")).contains(RouteGroup.LOGIN);
        assertThat(RouteGroup.of("/auth/customer/emailpass;jsessionid=abc", "")).contains(RouteGroup.LOGIN);
        assertThat(RouteGroup.of("/auth/customer/emailpass/", "")).contains(RouteGroup.LOGIN);
        assertThat(RouteGroup.of("/shop/auth/customer/emailpass", "/shop")).contains(RouteGroup.LOGIN);
        assertThat(RouteGroup.of("//auth//customer/emailpass", "")).contains(RouteGroup.LOGIN);
        assertThat(RouteGroup.of("/x/../auth/customer/./emailpass", "")).contains(RouteGroup.LOGIN);
        assertThat(RouteGroup.of("/store/customers/me/%63ontact", "")).contains(RouteGroup.CONTACT_CHANGE);
    }

    @Test
    void leavesAPathWithABrokenEscapeToTheRouterWhichMatchesNothing() {
        assertThat(RouteGroup.of("/auth/customer/%zz", "")).isEmpty();
    }
}
