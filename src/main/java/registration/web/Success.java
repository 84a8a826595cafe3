package registration.web;

/** {@code {"success": true}}: the answer of a step that has nothing else to say (Medusa's shape). */
public record Success(boolean success) {

    public static final Success TRUE = new Success(true);
}
