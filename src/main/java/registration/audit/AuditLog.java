package registration.audit;

import java.util.List;

import org.springframework.stereotype.Component;

/** The audit trail as an operator reads it ({@code GET /admin/audit}). */
@Component
public class AuditLog {

    /** One page of a search, newest first, and how many events match in all. */
    public record Page(List<SecurityEvent> events, long count) {
    }

    private final SecurityEvents events;

    AuditLog(SecurityEvents events) {
        this.events = events;
    }

    /** The events that match every filter of {@code query} that is set. */
    public Page search(AuditQuery query) {
        SecurityEvents.Page page = events.search(query);
        return new Page(page.events(), page.count());
    }

}
