package registration.identifier;

/** A phone number in E.164 form ({@code +14155552671}); built only by {@link PhoneNumbers#parse}. */
public record Phone(String value) {

    /** For logs: never the full number. */
    public String masked() {
        return value.substring(0, Math.min(4, value.length())) + "****" + value.substring(Math.max(4, value.length() - 2));
    }

    @Override
    public String toString() {
        return masked();
    }
}
