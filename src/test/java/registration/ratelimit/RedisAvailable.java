package registration.ratelimit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import registration.support.TestServices;

/**
 * Runs a suite only when Redis answers on 127.0.0.1:6379 — or fails it when the environment variable
 * {@code CI_REQUIRE_SERVICES} is set (as {@code .ci/run} does), like {@link TestServices.RequiredServices}.
 */
class RedisAvailable implements ExecutionCondition {

    static final String URL = "redis://127.0.0.1:6379";
    static final int PORT = 6379;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (redisAnswers()) {
            return ConditionEvaluationResult.enabled("Redis answers on 127.0.0.1:6379");
        }
        if (TestServices.servicesRequired()) {
            throw new IllegalStateException("Redis on 127.0.0.1:6379 is required (CI_REQUIRE_SERVICES) but does not answer");
        }
        return TestServices.skipped(context, "Redis does not answer on 127.0.0.1:6379");
    }

    static boolean redisAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", PORT), 1_000);
            socket.setSoTimeout(1_000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] answer = socket.getInputStream().readNBytes(5);
            return "+PONG".equals(new String(answer, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }
}
