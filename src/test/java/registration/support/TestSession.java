package registration.support;

import java.util.List;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The end of a test JVM's run: closes what the tests started ({@link TestServices#closeAll}), then reports any
 * thread of ours that is still alive and would keep the JVM from exiting. Surefire would otherwise wait 30 s and
 * kill the fork; {@code .ci/run} fails on the report line ({@value #OUTLIVED}), and on a context a test left open
 * ({@link TestContexts}).
 */
public class TestSession implements LauncherSessionListener {

    static final String OUTLIVED = "Threads outlived the test session:";

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        TestServices.closeAll();
        List<Thread> nonDaemon = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon() && t != Thread.currentThread())
                .filter(t -> !"DestroyJavaVM".equals(t.getName()))
                .toList();
        // A closed pool's worker may still be finishing its last task (Netty's global executor quits after a
        // second of quiet): give them all two seconds together before calling them outlived.
        long deadline = System.nanoTime() + 2_000_000_000L;
        for (Thread t : nonDaemon) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<String> alive = nonDaemon.stream().filter(Thread::isAlive).map(Thread::getName).sorted().toList();
        if (!alive.isEmpty()) {
            System.err.println(OUTLIVED + " " + alive);
        }
    }
}
