package registration;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import registration.admin.CreateAdminCommand;

/**
 * Entry point. {@code java -jar customer-registration.jar} serves HTTP;
 * {@code java -jar customer-registration.jar create-admin --email E --password P} creates an admin user
 * against the same database and exits without starting the HTTP server.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CustomerRegistrationApplication {

    public static void main(String[] args) {
        if (args.length > 0 && CreateAdminCommand.NAME.equals(args[0])) {
            var app = new SpringApplication(CustomerRegistrationApplication.class);
            app.setWebApplicationType(WebApplicationType.NONE);
            app.setAdditionalProfiles(CreateAdminCommand.PROFILE);
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            System.exit(SpringApplication.exit(app.run(rest)));
        }
        SpringApplication.run(CustomerRegistrationApplication.class, args);
    }
}
