package registration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.RestController;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The layout rules of STYLE.md that the compiler does not already enforce. The compiler keeps a feature's
 * package-private types to itself; these rules add what it cannot see: no cycle between the packages under
 * {@code registration}, a shared core that knows no feature, and a feature's entry points (controllers, event
 * listeners, configuration, settings) that stay its own even when someone makes one public.
 */
class ModularityTests {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("registration");

    /** The packages every feature may use; they use no feature. */
    private static final String[] SHARED_CORE = {"registration.web..", "registration.config..",
            "registration.identifier..", "registration.changes..", "registration.audit..", "registration.keys.."};

    private static final String[] FEATURES = {"registration.auth..", "registration.customer..", "registration.otp..",
            "registration.contact..", "registration.reset..", "registration.deletion..", "registration.notification..",
            "registration.ratelimit..", "registration.admin..", "registration.export..", "registration.medusaimport.."};

    /**
     * Settings records another feature reads, each with its reason. Keep this list short: a feature that needs
     * another's setting usually needs an answer from that feature instead.
     */
    private static final Set<String> SHARED_SETTINGS = Set.of(
            // registration.identifier decides both the identity a sign-up creates (auth) and the fields
            // POST /store/customers requires (customer).
            "registration.auth.RegistrationSettings",
            // email-verification.* is bound once: the channel and resend interval serve the OTP engine, the
            // auto-send-on-registration switch serves the customer's sign-up.
            "registration.otp.EmailVerificationSettings",
            // public-url is the service's own address: the default token issuer (auth) and the JWKS base.
            "registration.config.PublicUrlSettings",
            // audit.webhook-types chooses which audited events the events webhook (notification) carries.
            "registration.audit.AuditSettings");

    @Test
    void noCycleBetweenThePackagesUnderRegistration() {
        // Each package directly under registration is a slice; a dependency path that leads back to its start
        // fails, naming every class dependency on it. Decide which side owns the concept and make the other
        // side depend on it, or publish a past-tense event (OtpLocked) or declare a port (CustomerVerification).
        slices().matching("registration.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theSharedCoreDependsOnNoFeature() {
        noClasses().that().resideInAnyPackage(SHARED_CORE)
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .check(MAIN);
    }

    @Test
    void aFeaturesControllersListenersAndConfigurationAreItsOwn() {
        classes().that().areAnnotatedWith(RestController.class)
                .or().areAnnotatedWith(Configuration.class)
                .or(declareAnEventListener())
                .should(beUsedOnlyInTheirOwnPackage())
                .check(MAIN);
    }

    @Test
    void aFeaturesSettingsAreReadByItselfUnlessListed() {
        classes().that().areAnnotatedWith(ConfigurationProperties.class)
                .and().resideOutsideOfPackage("registration") // the application's own root settings
                .and(DescribedPredicate.describe("not listed as shared",
                        (JavaClass c) -> !SHARED_SETTINGS.contains(c.getName())))
                .should(beUsedOnlyInTheirOwnPackage())
                .check(MAIN);
    }

    @Test
    void everyPackageSaysWhatItOwns() throws Exception {
        try (Stream<Path> packages = Files.list(Path.of("src/main/java/registration"))) {
            assertThat(packages.filter(Files::isDirectory))
                    .isNotEmpty()
                    .allSatisfy(dir -> assertThat(dir.resolve("package-info.java")).exists());
        }
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

    private static DescribedPredicate<JavaClass> declareAnEventListener() {
        return DescribedPredicate.describe("declare an @EventListener", (JavaClass c) ->
                c.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(EventListener.class)));
    }

    private static ArchCondition<JavaClass> beUsedOnlyInTheirOwnPackage() {
        return new ArchCondition<>("be used only in their own package") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                for (Dependency use : type.getDirectDependenciesToSelf()) {
                    JavaClass user = use.getOriginClass();
                    if (!user.getPackageName().equals(type.getPackageName()) && !isSpringBootEntryPoint(user)) {
                        events.add(SimpleConditionEvent.violated(use, use.getDescription()));
                    }
                }
            }
        };
    }

    /** The application class names what Spring Boot scans; that is no use of a feature. */
    private static boolean isSpringBootEntryPoint(JavaClass user) {
        return user.getName().startsWith(CustomerRegistrationApplication.class.getName());
    }
}
