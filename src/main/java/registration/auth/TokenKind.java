package registration.auth;

/**
 * The {@code kind} claim every token carries; each route accepts exactly one kind, so a token of one kind
 * never works as another (SPEC 8a "Token kinds").
 */
public enum TokenKind {
    LOGIN("login"), REGISTRATION("registration"), OTP("otp"), RESET("reset");

    private final String claim;

    TokenKind(String claim) {
        this.claim = claim;
    }

    public String claim() {
        return claim;
    }
}
