package registration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.bind.annotation.RestController;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The layout rules of STYLE.md that the compiler does not already enforce. */
class ModularityTests {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("registration");

    @Test
    void theSharedCoreDependsOnNoFeature() {
        noClasses().that().resideInAnyPackage("registration.web..", "registration.config..")
                .should().dependOnClassesThat().resideInAnyPackage("registration.auth..", "registration.customer..", "registration.otp..",
                        "registration.contact..", "registration.reset..", "registration.deletion..",
                        "registration.notification..", "registration.ratelimit..", "registration.admin..",
                        "registration.export..")
                .check(MAIN);
    }

    @Test
    void onlyTheNotificationFeatureTalksToMailAndSmsProviders() {
        noClasses().that().resideOutsideOfPackage("registration.notification..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.mail..", "jakarta.mail..",
                        "java.net.http..")
                .check(MAIN);
    }

    @Test
    void controllersOnlyTranslateHttpAndNeverTouchTheDatabase() {
        noClasses().that().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.simple.JdbcClient")
                .check(MAIN);
    }

    @Test
    void noFieldInjection() {
        fields().should().notBeAnnotatedWith(Autowired.class).check(MAIN);
    }
}
