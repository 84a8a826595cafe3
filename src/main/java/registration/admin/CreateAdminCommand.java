package registration.admin;

import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar customer-registration.jar create-admin --email E --password P}: creates an admin user
 * in the configured database and exits; the HTTP server is not started (see the application's main). With
 * {@code --reset-password} it sets the password of the existing admin user with that email instead (a lost
 * password): every token of that admin dies and its login lockout is lifted; a disabled admin stays disabled.
 */
@Component
@Profile(CreateAdminCommand.PROFILE)
public class CreateAdminCommand implements ApplicationRunner {

    public static final String NAME = "create-admin";
    public static final String PROFILE = "create-admin";

    private final AdminUsers admins;

    CreateAdminCommand(AdminUsers admins) {
        this.admins = admins;
    }

    @Override
    public void run(ApplicationArguments args) {
        String email = single(args, "email");
        String password = single(args, "password");
        if (args.containsOption("reset-password")) {
            String id = admins.resetPassword(email, password);
            System.out.println("Reset the password of admin user " + id);
            return;
        }
        String id = admins.create(email, password);
        System.out.println("Created admin user " + id);
    }

    private static String single(ApplicationArguments args, String name) {
        List<String> values = args.getOptionValues(name);
        if (values == null || values.size() != 1 || values.get(0).isBlank()) {
            throw new IllegalArgumentException("create-admin needs --" + name + "=<value> (usage: create-admin --email E --password P [--reset-password])");
        }
        return values.get(0);
    }
}
