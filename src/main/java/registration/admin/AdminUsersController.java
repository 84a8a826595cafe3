package registration.admin;

import java.util.List;
import java.util.concurrent.CompletableFuture;

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
 * and {@code /enable}, and {@code POST /admin/users/me/password} (in the {@code login} rate-limit group, SPEC 11). The
 * two that hash a password answer a future, so no request thread waits for the hash (issue 22).
 */
@RestController
class AdminUsersController {

    private final AdminUsers admins;

    AdminUsersController(AdminUsers admins) {
        this.admins = admins;
    }

    record UserList(List<AdminUsers.AdminUser> users, long count, int offset, int limit) {
    }

    record UserAnswer(AdminUsers.AdminUser user) {
    }

    /** A fresh login token (every earlier one is revoked). */
    record NewToken(String token) {
    }

    @GetMapping("/admin/users")
    UserList list(AdminActor admin, @RequestParam(defaultValue = "50") @Min(1) int limit,
                             @RequestParam(defaultValue = "0") @Min(0) int offset) {
        int capped = Math.min(limit, 100);
        return new UserList(admins.list(capped, offset), admins.count(), offset, capped);
    }

    record NewAdmin(@NotNull String email, @NotNull String password) {
        @Override
        public String toString() {
            return "NewAdmin[<hidden>]";
        }
    }

    @PostMapping("/admin/users")
    CompletableFuture<UserAnswer> create(AdminActor admin, @Valid @RequestBody NewAdmin body) {
        return admins.create(admin, body.email(), body.password()).thenApply(UserAnswer::new);
    }

    @PostMapping("/admin/users/{id}/disable")
    UserAnswer disable(AdminActor admin, @PathVariable String id) {
        return new UserAnswer(admins.disable(admin, id));
    }

    @PostMapping("/admin/users/{id}/enable")
    UserAnswer enable(AdminActor admin, @PathVariable String id) {
        return new UserAnswer(admins.enable(admin, id));
    }

    record PasswordChange(@NotNull String currentPassword, @NotNull String password) {
        @Override
        public String toString() {
            return "PasswordChange[<hidden>]";
        }
    }

    /** Answers a fresh token: every token issued before, this request's included, is revoked. */
    @PostMapping("/admin/users/me/password")
    CompletableFuture<NewToken> changePassword(AdminActor admin, @Valid @RequestBody PasswordChange body) {
        return admins.changeOwnPassword(admin, body.currentPassword(), body.password()).thenApply(NewToken::new);
    }
}
