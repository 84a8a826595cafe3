package registration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import registration.admin.CreateAdminCommand;
import registration.keys.KeysCommand;
import registration.medusaimport.ImportMedusaCommand;

/**
 * Entry point. {@code java -jar customer-registration.jar} serves HTTP;
 * {@code java -jar customer-registration.jar create-admin --email E --password P} creates an admin user
 * against the same database and exits without starting the HTTP server; {@code import-medusa --from <jdbc url>}
 * likewise imports a Medusa store's customers; {@code keys generate --alg ES256 [--out file]} makes a signing key
 * ({@link KeysCommand}, no database needed).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CustomerRegistrationApplication {

    public static void main(String[] args) {
        if (args.length > 0 && CreateAdminCommand.NAME.equals(args[0])) {
            System.exit(createAdmin(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && KeysCommand.NAME.equals(args[0])) {
            System.exit(KeysCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length > 0 && ImportMedusaCommand.NAME.equals(args[0])) {
            System.exit(importMedusa(Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(CustomerRegistrationApplication.class, args);
    }

    /** Runs the create-admin command; returns the process exit code. */
    public static int createAdmin(String[] args) {
        var app = new SpringApplication(CustomerRegistrationApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setAdditionalProfiles(CreateAdminCommand.PROFILE);
        try {
            return SpringApplication.exit(app.run(joinOptionValues(args)));
        } catch (RuntimeException e) {
            System.err.println("create-admin failed: " + rootMessage(e));
            return 1;
        }
    }

    /**
     * Runs the import-medusa command ({@link ImportMedusaCommand}); returns the process exit code. Like
     * create-admin it runs no HTTP server, no db-scheduler jobs and no outbox dispatcher: delivery is the
     * running service's work.
     */
    public static int importMedusa(String[] args) {
        var app = new SpringApplication(CustomerRegistrationApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setAdditionalProfiles(ImportMedusaCommand.PROFILE);
        app.setDefaultProperties(java.util.Map.of("db-scheduler.enabled", "false"));
        try {
            return SpringApplication.exit(app.run(joinOptionValues(args)));
        } catch (RuntimeException e) {
            System.err.println("import-medusa failed: " + rootMessage(e));
            return 1;
        }
    }

    /** Accepts {@code --email E} as well as Spring's {@code --email=E}. */
    static String[] joinOptionValues(String[] args) {
        List<String> joined = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--") && !arg.contains("=") && i + 1 < args.length && !args[i + 1].startsWith("--")) {
                joined.add(arg + "=" + args[++i]);
            } else {
                joined.add(arg);
            }
        }
        return joined.toArray(String[]::new);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
