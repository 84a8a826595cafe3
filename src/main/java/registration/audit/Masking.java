package registration.audit;

/**
 * The masking rule of the audit trail: enough to tell two identifiers apart and to recognise one's own, not
 * enough to learn one. An email keeps its first character and the domain's top level ({@code j***@e***.com});
 * a phone number keeps its country prefix sign and last two digits ({@code +*********67}); anything else keeps
 * only its first character.
 */
final class Masking {

    private Masking() {
    }

    static String mask(String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            return null;
        }
        int at = identifier.lastIndexOf('@');
        if (at > 0) {
            String domain = identifier.substring(at + 1);
            int dot = domain.lastIndexOf('.');
            String tld = dot >= 0 ? domain.substring(dot) : "";
            String domainStart = domain.isEmpty() ? "" : domain.substring(0, 1);
            return identifier.charAt(0) + "***@" + domainStart + "***" + tld;
        }
        if (identifier.startsWith("+") && identifier.length() > 4) {
            return "+" + "*".repeat(identifier.length() - 3) + identifier.substring(identifier.length() - 2);
        }
        return identifier.charAt(0) + "***";
    }
}
