package registration.medusaimport;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import registration.auth.ScryptKdfHash;
import registration.identifier.Email;
import registration.identifier.Phone;

/**
 * The import use case: stream Medusa's registered customers, decide per row (import, or skip with a reason),
 * and write each batch in one transaction. What is here already is never touched: an existing id is skipped
 * (SPEC 11), and an email or phone held here by someone else skips the row instead of merging two people.
 * <p>
 * Concurrency: the checks read before the batch is written, so a sign-up here (or a second import) can take an
 * email, phone or id in between. The unique constraints catch that: the batch rolls back and is retried row by
 * row, each row re-checked and inserted in its own transaction, so only the row that lost is skipped.
 */
@Service
class MedusaImport {

    private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

    private final ImportedCustomers store;
    private final MedusaRows rows;
    private final TransactionTemplate transaction;

    MedusaImport(ImportedCustomers store, MedusaRows rows, PlatformTransactionManager transactions) {
        this.store = store;
        this.rows = rows;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Runs the import; writes a line per skipped row (except {@code id_exists}: a re-run would list every
     * customer), a progress line every 5 s and the summary to {@code out}.
     */
    ImportSummary run(ImportOptions options, Consumer<String> out) throws SQLException {
        ImportSummary summary = new ImportSummary(options.dryRun());
        long started = System.nanoTime();
        long[] lastProgress = {started};
        long[] nextStatisticsAt = {1};
        try (MedusaDatabase medusa = MedusaDatabase.open(options)) {
            medusa.customers(options.batchSize(), batch -> {
                importBatch(batch, options, summary, out);
                if (!options.dryRun() && summary.importedCount() >= nextStatisticsAt[0]) {
                    // after the first batch, then each time the count doubles: about 10 times for a million
                    nextStatisticsAt[0] = summary.importedCount() * 2;
                    store.refreshStatistics();
                }
                long now = System.nanoTime();
                if (now - lastProgress[0] >= PROGRESS_EVERY_NANOS) {
                    lastProgress[0] = now;
                    out.accept("progress: read " + summary.readCount() + ", " + (options.dryRun() ? "would import " : "imported ")
                            + summary.importedCount() + ", skipped " + summary.skippedCount() + " ("
                            + summary.readCount() * 1_000_000_000L / Math.max(1, now - started) + " customers/s)");
                }
            });
            List<MedusaAdmin> admins = medusa.admins();
            for (MedusaAdmin admin : admins) {
                if (options.includeAdmins()) {
                    importAdmin(admin, options, summary, out);
                } else {
                    summary.add(SkipReason.ADMIN_USER); // not customers (issue 21); counted, not listed
                }
            }
        }
        out.accept(summary.line() + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        return summary;
    }

    private void importBatch(List<MedusaCustomer> batch, ImportOptions options, ImportSummary summary, Consumer<String> out) {
        Map<String, ImportedCustomer> candidates = new LinkedHashMap<>();
        for (MedusaCustomer row : batch) {
            summary.read();
            MedusaRows.Verdict verdict = rows.judge(row, options.unverified());
            if (verdict.customer() == null) {
                skip(verdict.skip(), row.id(), verdict.detail(), summary, out);
                continue;
            }
            verdict.notes().forEach(reason -> note(reason, row.id(), summary, out));
            candidates.put(row.id(), verdict.customer());
        }
        List<ImportedCustomer> accepted = withoutConflicts(candidates, summary, out);
        if (accepted.isEmpty()) {
            return;
        }
        if (options.dryRun()) {
            summary.imported(accepted.size());
            return;
        }
        try {
            transaction.executeWithoutResult(status -> store.insert(accepted));
            summary.imported(accepted.size());
        } catch (DataIntegrityViolationException lostARace) {
            // Someone took an id, email or phone after the checks (or a value is too long): row by row, so that
            // only the rows concerned are skipped.
            for (ImportedCustomer customer : accepted) {
                insertAlone(customer, summary, out);
            }
        }
    }

    private void insertAlone(ImportedCustomer customer, ImportSummary summary, Consumer<String> out) {
        Map<String, ImportedCustomer> one = new LinkedHashMap<>();
        one.put(customer.id(), customer);
        if (withoutConflicts(one, summary, out).isEmpty()) {
            return;
        }
        try {
            transaction.executeWithoutResult(status -> store.insert(List.of(customer)));
            summary.imported(1);
        } catch (DataIntegrityViolationException e) {
            // A conflict that arrived between the re-check and the insert, or a value the columns cannot hold.
            Map<String, ImportedCustomer> again = new LinkedHashMap<>(one);
            if (!withoutConflicts(again, summary, out).isEmpty()) {
                skip(SkipReason.REJECTED_BY_DATABASE, customer.id(), null, summary, out);
            }
        }
    }

    /** The candidates that neither exist here nor collide with someone here or earlier in the batch. */
    private List<ImportedCustomer> withoutConflicts(Map<String, ImportedCustomer> candidates, ImportSummary summary,
                                                    Consumer<String> out) {
        Set<String> takenEmails = new HashSet<>(store.takenEmails(candidates.values().stream()
                .map(ImportedCustomer::email).filter(e -> e != null).toList()));
        Set<String> takenPhones = new HashSet<>(store.takenPhones(candidates.values().stream()
                .map(ImportedCustomer::phone).filter(p -> p != null).toList()));
        // Ids last: a concurrent import that commits between these statements shows up here too, so its rows
        // are reported as id_exists rather than as taken by someone else.
        Map<String, Boolean> existing = store.existing(candidates.keySet());
        List<ImportedCustomer> accepted = new ArrayList<>(candidates.size());
        for (ImportedCustomer c : candidates.values()) {
            Boolean erased = existing.get(c.id());
            if (erased != null) {
                skip(erased ? SkipReason.ID_ERASED : SkipReason.ID_EXISTS, c.id(), null, summary, out);
            } else if (c.email() != null && !takenEmails.add(c.email())) {
                skip(SkipReason.EMAIL_TAKEN, c.id(), Email.of(c.email()).masked(), summary, out);
            } else if (c.phone() != null && !takenPhones.add(c.phone())) {
                skip(SkipReason.PHONE_TAKEN, c.id(), new Phone(c.phone()).masked(), summary, out);
            } else {
                accepted.add(c);
            }
        }
        return accepted;
    }

    private void importAdmin(MedusaAdmin admin, ImportOptions options, ImportSummary summary, Consumer<String> out) {
        String email = MedusaRows.email(admin.email());
        String hash;
        if (email == null) {
            skip(SkipReason.EMAIL_INVALID, admin.id(), null, summary, out);
            return;
        }
        try {
            hash = ScryptKdfHash.parse(admin.hash()).stored();
        } catch (IllegalArgumentException unknownFormat) {
            skip(SkipReason.UNSUPPORTED_PASSWORD_HASH, admin.id(), unknownFormat.getMessage(), summary, out);
            return;
        }
        if (store.adminExists(admin.id(), email)) {
            skip(SkipReason.ID_EXISTS, admin.id(), null, summary, out);
            return;
        }
        if (!options.dryRun()) {
            try {
                transaction.executeWithoutResult(status -> store.insertAdmin(admin.id(), email, hash, admin.createdAt()));
            } catch (DataIntegrityViolationException lostARace) {
                skip(SkipReason.ID_EXISTS, admin.id(), null, summary, out);
                return;
            }
        }
        summary.importedAdmin();
    }

    private static void skip(SkipReason reason, String id, String detail, ImportSummary summary,
                                         Consumer<String> out) {
        summary.add(reason);
        if (reason != SkipReason.ID_EXISTS) {
            out.accept("skipped " + id + ": " + reason.code() + (detail == null ? "" : " (" + detail + ")"));
        }
    }

    private static void note(SkipReason reason, String id, ImportSummary summary, Consumer<String> out) {
        summary.add(reason);
        out.accept("note " + id + ": " + reason.code() + " (left out of the customer)");
    }
}
