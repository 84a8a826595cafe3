package registration.keys;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

/**
 * {@code java -jar customer-registration.jar keys generate --alg ES256 [--out keys.json]} (issue 18): makes a new
 * signing key; with {@code --out} it is added to that private JWK set file (created, mode 600, when missing), without
 * it the new private set is written to standard output. Standard error then shows the new key's public part and its
 * kid, and — when no per-endpoint secret is configured — the webhook secrets derived from {@code secret-key}, which
 * receivers need (SPEC 11 "Webhooks"). It reads the configuration as the service does (application.yml, environment,
 * {@code --key=value}) in a context of its own with no database, web server or background work.
 */
public final class KeysCommand {

    public static final String NAME = "keys";
    private static final String USAGE = "usage: keys generate --alg HS256|ES256|RS256|EdDSA [--out <private JWK set file>]";

    private KeysCommand() {
    }

    /** An empty context: only the environment (configuration files, variables, arguments) is wanted. */
    @Configuration(proxyBeanMethods = false)
    static class Environment {
    }

    /** Runs the command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(List.of(args));
        if (rest.isEmpty() || !"generate".equals(rest.get(0))) {
            err.println(USAGE);
            return 2;
        }
        rest.remove(0);
        String alg = option(rest, "alg");
        String file = option(rest, "out");
        SigningAlgorithm algorithm = null;
        for (SigningAlgorithm a : SigningAlgorithm.values()) {
            if (a.name().equalsIgnoreCase(alg == null ? "" : alg)) {
                algorithm = a;
            }
        }
        if (algorithm == null) {
            err.println("keys generate: --alg must be one of HS256, ES256, RS256, EdDSA\n" + USAGE);
            return 2;
        }
        try {
            JWK key = algorithm.generate(algorithm.newKeyId());
            if (file != null) {
                addTo(Path.of(file), key);
                err.println("Added key " + key.getKeyID() + " (" + algorithm + ") to " + file);
            } else {
                out.println(new JWKSet(key).toString(false));
                err.println("Wrote a private JWK set with key " + key.getKeyID() + " (" + algorithm + ") to standard output");
            }
            if (algorithm.asymmetric()) {
                err.println("Public part (published at /.well-known/jwks.json once the service has the key):");
                err.println(new JWKSet(key.toPublicJWK()).toString(true));
            } else {
                err.println("HS256 keys are secret: nothing is published. Share the set only with services that may mint tokens.");
            }
            err.println("Next (docs/signing-keys.md): configure customer-registration.jwt.key-set, deploy everywhere, wait for "
                    + "caches (5 min), then set customer-registration.jwt.algorithm=" + algorithm
                    + " and customer-registration.jwt.active-key-id=" + key.getKeyID());
            printWebhookSecrets(args, err);
            return 0;
        } catch (IOException | ParseException | RuntimeException e) {
            err.println("keys generate failed: " + e.getMessage());
            return 1;
        }
    }

    private static String option(List<String> args, String name) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--" + name) && i + 1 < args.size()) {
                return args.get(i + 1);
            }
            if (arg.startsWith("--" + name + "=")) {
                return arg.substring(name.length() + 3);
            }
        }
        return null;
    }

    /** Adds {@code key} to the private set at {@code path}, creating it readable by its owner only. */
    static void addTo(Path path, JWK key) throws IOException, ParseException {
        List<JWK> keys = new ArrayList<>();
        if (Files.exists(path)) {
            keys.addAll(JWKSet.load(path.toFile()).getKeys());
        }
        keys.add(key);
        String json = new JWKSet(keys).toString(false);
        Path temp = Files.createTempFile(path.toAbsolutePath().getParent(), ".keys", ".json");
        try {
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the directory's permissions apply
            }
            Files.writeString(temp, json, StandardCharsets.UTF_8);
            Files.move(temp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The derived webhook secrets of the endpoints that have no secret of their own (printed, never logged). */
    private static void printWebhookSecrets(String[] args, PrintStream err) {
        List<String> properties = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=") && !arg.startsWith("--alg") && !arg.startsWith("--out")) {
                properties.add(arg);
            }
        }
        var app = new SpringApplication(Environment.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setDefaultProperties(Map.of("logging.level.root", "WARN", "spring.main.banner-mode", "off"));
        try (ConfigurableApplicationContext context = app.run(properties.toArray(String[]::new))) {
            Binder binder = Binder.get(context.getEnvironment());
            ServiceKeySettings settings = binder.bindOrCreate("customer-registration", ServiceKeySettings.class);
            if (settings.secretKey() == null || settings.secretKey().isBlank()) {
                err.println("No customer-registration.secret-key configured: no webhook secret can be derived.");
                return;
            }
            ServiceKeys keys = ServiceKeys.of(settings.secretKey(), settings.previousSecretKeys(), null, false);
            print(binder, err, keys, "customer-registration.notifications.sms.webhook.secret", ServiceKeys.WEBHOOK_SMS);
            print(binder, err, keys, "customer-registration.notifications.events.secret", ServiceKeys.WEBHOOK_EVENTS);
        }
    }

    private static void print(Binder binder, PrintStream err, ServiceKeys keys, String property, String purpose) {
        String configured = binder.bind(property, String.class).orElse("");
        if (configured.isBlank()) {
            err.println(property + " is not set; receivers "
                    + "check the webhook-signature header with the derived secret " + keys.webhookSecret(purpose));
        }
    }
}
