package registration.export;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import registration.auth.CustomerActor;

/** {@code GET /store/customers/me/export}: the caller's data as a JSON download. */
@RestController
class CustomerExportController {

    private final CustomerExportService exports;

    CustomerExportController(CustomerExportService exports) {
        this.exports = exports;
    }

    @GetMapping("/store/customers/me/export")
    ResponseEntity<CustomerExport> export(CustomerActor actor) {
        CustomerExport export = exports.export(actor);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore()) // personal data: no shared or browser cache keeps a copy
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("customer-data-" + export.customer().id() + ".json").build().toString())
                .body(export);
    }
}
