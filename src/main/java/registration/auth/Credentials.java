package registration.auth;

import jakarta.validation.constraints.NotNull;

/** Bodies of the emailpass and phonepass routes. */
final class Credentials {

    private Credentials() {
    }

    record EmailPass(@NotNull String email, @NotNull String password) {
        @Override
        public String toString() {
            return "EmailPass[<hidden>]";
        }
    }

    record PhonePass(@NotNull String phone, @NotNull String password) {
        @Override
        public String toString() {
            return "PhonePass[<hidden>]";
        }
    }
}
