package registration.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import registration.auth.AdminActor;

/**
 * Admin users (issue 20): {@code GET /admin/users}, {@code POST /admin/users}, {@code POST /admin/users/{id}/disable}
 * and {@code /enable}, and {@code POST /admin/users/me/password} (in the {@code login} rate-limit group, SPEC 11).
 */
@RestController
class AdminUsersController {

    private final AdminUsers admins;

    AdminUsersController(AdminUsers admins) {
        this.admins = admins;
    }

    @GetMapping("/admin/users")
    Map<String, Object> list(AdminActor admin, @RequestParam(defaultValue = "50") @Min(1) int limit,
                             @RequestParam(defaultValue = "0") @Min(0) int offset) {
        int capped = Math.min(limit, 100);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("users", admins.list(capped, offset));
        answer.put("count", admins.count());
        answer.put("offset", offset);
        answer.put("limit", capped);
        return answer;
    }

    record NewAdmin(@NotNull String email, @NotNull String password) {
        @Override
        public String toString() {
            return "NewAdmin[<hidden>]";
        }
    }

    @PostMapping("/admin/users")
    Map<String, Object> create(AdminActor admin, @Valid @RequestBody NewAdmin body) {
        return Map.of("user", admins.create(admin, body.email(), body.password()));
    }

    @PostMapping("/admin/users/{id}/disable")
    Map<String, Object> disable(AdminActor admin, @PathVariable String id) {
        return Map.of("user", admins.disable(admin, id));
    }

    @PostMapping("/admin/users/{id}/enable")
    Map<String, Object> enable(AdminActor admin, @PathVariable String id) {
        return Map.of("user", admins.enable(admin, id));
    }

    record PasswordChange(@NotNull String currentPassword, @NotNull String password) {
        @Override
        public String toString() {
            return "PasswordChange[<hidden>]";
        }
    }

    /** Answers a fresh token: every token issued before, this request's included, is revoked. */
    @PostMapping("/admin/users/me/password")
    Map<String, Object> changePassword(AdminActor admin, @Valid @RequestBody PasswordChange body) {
        return Map.of("token", admins.changeOwnPassword(admin, body.currentPassword(), body.password()));
    }
}
