package registration.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

import registration.support.HttpTest;
import registration.support.StoreApi;
import registration.support.TestServices;

/**
 * The real {@code @medusajs/js-sdk} (the version pinned in {@code src/test/node/sdk/package.json}) against the
 * running service: {@code sdk-flow.js} registers, creates the customer, logs in in {@code jwt} and in
 * {@code session} mode, refreshes, retrieves, updates, makes the address calls, lists the providers and logs out,
 * asserting each step. The SDK is installed into {@code src/test/node/sdk/node_modules} once (kept between runs,
 * ignored by git). Without Node, or where the packages cannot be installed (offline), the class skips with the
 * reason; with {@code CI_REQUIRE_SERVICES} set, a missing Node or a failed install fails it instead.
 */
@HttpTest
@ExtendWith(MedusaJsSdkHttpTests.NodeAndSdk.class)
@TestPropertySource(properties = {"customer-registration.registration.require-verification=false",
        "customer-registration.email-verification.auto-send-on-registration=false",
        "customer-registration.store.publishable-keys=pk_test_sdk"})
class MedusaJsSdkHttpTests {

    static final Path FOLDER = Path.of("src", "test", "node", "sdk");

    @Value("${local.server.port}")
    int port;

    @Test
    void theMedusaJsSdkWorksInJwtAndInSessionMode() throws Exception {
        var result = NodeAndSdk.run(List.of("node", "sdk-flow.js", "http://127.0.0.1:" + port, "pk_test_sdk",
                StoreApi.newEmail(), StoreApi.PASSWORD), 120);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("ok logout (session)").endsWith("ok all\n");
    }

    /** Node on the PATH and the SDK installed (once), or a skip — or a failure when CI requires them. */
    static class NodeAndSdk implements ExecutionCondition {

        private static ConditionEvaluationResult verdict;

        record Result(int exitCode, String output) {
        }

        @Override
        public synchronized ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (verdict == null) {
                verdict = check(context);
            }
            return verdict;
        }

        private static ConditionEvaluationResult check(ExtensionContext context) {
            Result node = runQuietly(List.of("node", "--version"), 30);
            if (node == null || node.exitCode() != 0) {
                return unavailable(context, "Node.js is not on the PATH (the Medusa JS SDK check needs node and npm)");
            }
            // Installed by an earlier run from this very package-lock.json: nothing to do (and no network needed).
            Path marker = FOLDER.resolve("node_modules/.installed-lock");
            String lock = readOrEmpty(FOLDER.resolve("package-lock.json"));
            if (!lock.isEmpty() && lock.equals(readOrEmpty(marker))) {
                return ConditionEvaluationResult.enabled("the SDK is installed in " + FOLDER);
            }
            // npm ci: exactly the versions of package-lock.json; the cache stays in the folder, out of git.
            Result install = runQuietly(List.of("npm", "ci", "--no-audit", "--no-fund", "--fetch-retries=1",
                    "--fetch-timeout=30000", "--cache", ".npm-cache"), 300);
            if (install == null || install.exitCode() != 0) {
                return unavailable(context, "npm could not install @medusajs/js-sdk into " + FOLDER
                        + " (offline?): " + (install == null ? "npm did not run" : firstError(install.output())));
            }
            try {
                Files.writeString(marker, lock, StandardCharsets.UTF_8); // only after a complete install
            } catch (IOException e) {
                throw new IllegalStateException("Cannot write " + marker, e);
            }
            return ConditionEvaluationResult.enabled("the SDK was installed in " + FOLDER);
        }

        private static ConditionEvaluationResult unavailable(ExtensionContext context, String reason) {
            if (TestServices.servicesRequired()) {
                throw new IllegalStateException(reason + " — required because CI_REQUIRE_SERVICES is set");
            }
            return TestServices.skipped(context, reason);
        }

        static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
            Path log = Files.createTempFile("sdk-", ".log");
            try {
                Process process = new ProcessBuilder(command).directory(FOLDER.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    return new Result(-1, Files.readString(log, StandardCharsets.UTF_8) + "\n(timed out after "
                            + timeoutSeconds + " s)");
                }
                return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        }

        private static String readOrEmpty(Path file) {
            try {
                return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            } catch (IOException e) {
                return "";
            }
        }

        private static Result runQuietly(List<String> command, int timeoutSeconds) {
            try {
                return run(command, timeoutSeconds);
            } catch (IOException e) {
                return null; // not installed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        /** npm's first error line (its code: ENOTFOUND, EAI_AGAIN, ...), else the last line of its output. */
        private static String firstError(String output) {
            String[] lines = output.strip().split("\n");
            for (String line : lines) {
                if (line.startsWith("npm error")) {
                    return line;
                }
            }
            return lines.length == 0 ? "" : lines[lines.length - 1];
        }
    }
}
