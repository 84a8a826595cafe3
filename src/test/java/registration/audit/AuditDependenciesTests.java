package registration.audit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Features depend on the audit trail, never the other way round: every feature may publish to it. */
class AuditDependenciesTests {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("registration");

    @Test
    void theAuditTrailDependsOnNoFeature() {
        noClasses().that().resideInAPackage("registration.audit..")
                .should().dependOnClassesThat().resideInAnyPackage("registration.auth..", "registration.customer..",
                        "registration.otp..", "registration.contact..", "registration.reset..",
                        "registration.deletion..", "registration.notification..", "registration.ratelimit..",
                        "registration.admin..", "registration.export..", "registration.changes..",
                        "registration.medusaimport..")
                .check(MAIN);
    }
}
