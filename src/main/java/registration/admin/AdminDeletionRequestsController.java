package registration.admin;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Min;
import registration.auth.AdminActor;
import registration.deletion.DeletionRequest;
import registration.deletion.DeletionRequests;
import registration.deletion.DeletionStatus;
import registration.web.ApiException;

/** {@code GET /admin/account-deletion-requests}: the deletion requests, newest first, for admin users. */
@RestController
class AdminDeletionRequestsController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final DeletionRequests requests;

    AdminDeletionRequestsController(DeletionRequests requests) {
        this.requests = requests;
    }

    /** One page of deletion requests: {@code count} is the total that match the filter. */
    record DeletionRequestPage(List<DeletionRequest> requests, long count, int offset, int limit) {
    }

    /** {@code limit} above {@value #MAX_LIMIT} is capped (and answered as capped), not refused. */
    @GetMapping("/admin/account-deletion-requests")
    DeletionRequestPage list(AdminActor admin, @RequestParam(required = false) String status,
                             @RequestParam(defaultValue = "" + DEFAULT_LIMIT) @Min(1) int limit,
                             @RequestParam(defaultValue = "0") @Min(0) int offset) {
        Optional<DeletionStatus> filter = Optional.ofNullable(status).filter(s -> !s.isEmpty()).map(s ->
                DeletionStatus.ofId(s).orElseThrow(() -> ApiException.invalid("Invalid request: Field 'status' must be one of: "
                        + Arrays.stream(DeletionStatus.values()).map(DeletionStatus::id).collect(Collectors.joining(", ")))));
        int capped = Math.min(limit, MAX_LIMIT);
        DeletionRequests.Page page = requests.list(filter, capped, offset);
        return new DeletionRequestPage(page.requests(), page.count(), offset, capped);
    }
}
