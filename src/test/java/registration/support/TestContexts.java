package registration.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every application context a test JVM starts — the cached ones of the test framework and the extra instances
 * tests start themselves — so that {@link TestSession} can close what is still open at the end, and name the
 * test that started an extra instance and left it running (the build fails on that line in CI).
 */
public class TestContexts implements SpringApplicationRunListener {

    static final String LEFT_OPEN = "Application context left open by";

    private record Started(ConfigurableApplicationContext context, String test, boolean cached) {
    }

    private static final List<Started> started = new ArrayList<>();

    public TestContexts(SpringApplication application, String[] args) {
    }

    @Override
    public void contextPrepared(ConfigurableApplicationContext context) {
        StackTraceElement[] stack = new Throwable().getStackTrace();
        String test = "?";
        boolean cached = false;
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().startsWith("org.springframework.test.context.")) {
                cached = true; // loaded by the test framework, which keeps it for later tests
            }
            if (test.equals("?") && frame.getClassName().startsWith("registration.") && frame.getClassName().endsWith("Tests")) {
                test = frame.getClassName();
            }
        }
        synchronized (started) {
            started.add(new Started(context, test, cached));
        }
    }

    /** Closes every context still open, newest first; reports those a test started itself and did not close. */
    static void closeAll() {
        List<Started> open;
        synchronized (started) {
            open = new ArrayList<>(started);
            started.clear();
        }
        Collections.reverse(open);
        for (Started s : open) {
            if (s.context().isActive()) {
                if (!s.cached()) {
                    System.err.println(LEFT_OPEN + " " + s.test());
                }
                s.context().close();
            }
        }
    }
}
