package registration.medusaimport;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/** What a run did: rows read, customers (and admins) imported, skips and notes by reason. */
final class ImportSummary {

    private final boolean dryRun;
    private long read;
    private long imported;
    private long importedAdmins;
    private final Map<SkipReason, Long> counts = new EnumMap<>(SkipReason.class);

    ImportSummary(boolean dryRun) {
        this.dryRun = dryRun;
    }

    void read() {
        read++;
    }

    void imported(int n) {
        imported += n;
    }

    void importedAdmin() {
        importedAdmins++;
    }

    void add(SkipReason reason) {
        counts.merge(reason, 1L, Long::sum);
    }

    long readCount() {
        return read;
    }

    long importedCount() {
        return imported;
    }

    long importedAdminCount() {
        return importedAdmins;
    }

    long count(SkipReason reason) {
        return counts.getOrDefault(reason, 0L);
    }

    long skippedCount() {
        return counts.entrySet().stream().filter(e -> !e.getKey().isNote()).mapToLong(Map.Entry::getValue).sum();
    }

    /** The last line of a run, e.g. {@code imported 998 customers, updated 0, skipped 2 (email_taken 1, id_exists 1)}. */
    String line() {
        String verb = dryRun ? "would import " : "imported ";
        return (dryRun ? "[dry run] " : "") + "read " + read + " customers; " + verb + imported + " customers"
                + (importedAdmins > 0 ? " and " + importedAdmins + " admin users" : "")
                + ", updated 0, skipped " + skippedCount() + reasons(false) + notes();
    }

    private String notes() {
        String notes = reasons(true);
        return notes.isEmpty() ? "" : "; notes" + notes;
    }

    private String reasons(boolean notes) {
        String list = counts.entrySet().stream().filter(e -> e.getKey().isNote() == notes)
                .map(e -> e.getKey().code() + " " + e.getValue()).collect(Collectors.joining(", "));
        return list.isEmpty() ? "" : " (" + list + ")";
    }
}
