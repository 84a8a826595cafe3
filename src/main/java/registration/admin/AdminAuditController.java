package registration.admin;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Min;
import registration.audit.AuditLog;
import registration.audit.AuditQuery;
import registration.audit.SecurityEvent;
import registration.auth.AdminActor;
import registration.web.ApiException;

/**
 * {@code GET /admin/audit}: the security events, newest first, for admin users. Filters: {@code customer_id},
 * {@code type}, {@code actor} (an admin's or customer's id, or {@code customer}/{@code admin}/{@code system}/
 * {@code anonymous}), {@code from} (inclusive) and {@code to} (exclusive) as ISO-8601 times; Medusa-style
 * {@code limit}/{@code offset} paging with {@code count}.
 */
@RestController
class AdminAuditController {

    private final AuditLog audit;

    AdminAuditController(AuditLog audit) {
        this.audit = audit;
    }

    record AuditPage(List<SecurityEvent> events, long count, int offset, int limit) {
    }

    /** {@code limit} above {@value AdminDeletionRequestsController#MAX_LIMIT} is capped (and answered as capped). */
    @GetMapping("/admin/audit")
    AuditPage list(AdminActor admin,
                             @RequestParam(name = "customer_id", required = false) String customerId,
                             @RequestParam(required = false) String type,
                             @RequestParam(required = false) String actor,
                             @RequestParam(required = false) String from,
                             @RequestParam(required = false) String to,
                             @RequestParam(defaultValue = "" + AdminDeletionRequestsController.DEFAULT_LIMIT) @Min(1) int limit,
                             @RequestParam(defaultValue = "0") @Min(0) int offset) {
        Instant since = time("from", from);
        Instant until = time("to", to);
        if (since != null && until != null && !since.isBefore(until)) {
            throw ApiException.invalid("Invalid request: Field 'from' must be before 'to'");
        }
        int capped = Math.min(limit, AdminDeletionRequestsController.MAX_LIMIT);
        AuditLog.Page page = audit.search(new AuditQuery(blankToNull(customerId), blankToNull(type),
                blankToNull(actor), since, until, capped, offset));
        return new AuditPage(page.events(), page.count(), offset, capped);
    }

    private static Instant time(String field, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("Invalid request: Field '" + field
                    + "' must be an ISO-8601 UTC time, e.g. 2026-03-12T10:15:00.000Z");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
