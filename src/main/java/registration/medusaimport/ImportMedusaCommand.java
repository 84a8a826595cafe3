package registration.medusaimport;

import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar customer-registration.jar import-medusa --from <jdbc url> [--from-user U --from-password P]
 * [--dry-run] [--include-admins] [--unverified] [--batch-size N]}: imports a Medusa store's customers into the
 * configured database and exits; the HTTP server is not started (see the application's main). The credentials
 * may come from {@value #USER_VARIABLE} and {@value #PASSWORD_VARIABLE} instead (a password on the command line
 * is visible to other users of the machine).
 */
@Component
@Profile(ImportMedusaCommand.PROFILE)
public class ImportMedusaCommand implements ApplicationRunner {

    public static final String NAME = "import-medusa";
    public static final String PROFILE = "import-medusa";
    static final String USER_VARIABLE = "MEDUSA_DATABASE_USER";
    static final String PASSWORD_VARIABLE = "MEDUSA_DATABASE_PASSWORD";
    private static final String USAGE = "usage: import-medusa --from <jdbc:postgresql://…> [--from-user U --from-password P] "
            + "[--dry-run] [--include-admins] [--unverified] [--batch-size N]";

    private final MedusaImport medusaImport;

    ImportMedusaCommand(MedusaImport medusaImport) {
        this.medusaImport = medusaImport;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        medusaImport.run(options(args), System.out::println);
    }

    static ImportOptions options(ApplicationArguments args) {
        String from = single(args, "from", null);
        if (from == null) {
            throw new IllegalArgumentException("import-medusa needs --from (" + USAGE + ")");
        }
        String batchSize = single(args, "batch-size", String.valueOf(ImportOptions.DEFAULT_BATCH_SIZE));
        try {
            return new ImportOptions(from, single(args, "from-user", System.getenv(USER_VARIABLE)),
                    single(args, "from-password", System.getenv(PASSWORD_VARIABLE)), args.containsOption("dry-run"),
                    args.containsOption("include-admins"), args.containsOption("unverified"), Integer.parseInt(batchSize));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--batch-size must be a number (" + USAGE + ")");
        }
    }

    private static String single(ApplicationArguments args, String name, String fallback) {
        List<String> values = args.getOptionValues(name);
        if (values == null || values.isEmpty()) {
            return fallback;
        }
        if (values.size() != 1 || values.get(0).isBlank()) {
            throw new IllegalArgumentException("import-medusa needs one value for --" + name + " (" + USAGE + ")");
        }
        return values.get(0);
    }
}
