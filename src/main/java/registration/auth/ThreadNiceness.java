package registration.auth;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Lowers the CPU priority (Linux {@code nice}) of the calling thread. Java's thread priorities do nothing on Linux
 * without privileges; a thread is a task to the Linux scheduler, so {@code setpriority} on its id applies to it alone.
 * Through JNA, which argon2-jvm already brings.
 */
final class ThreadNiceness {

    private ThreadNiceness() {
    }

    interface LibC extends Library {
        int gettid();

        int setpriority(int which, int who, int prio);
    }

    private static final class Holder {
        static final LibC LIBC = load();

        private static LibC load() {
            try {
                return Native.load("c", LibC.class);
            } catch (Throwable notLinux) {
                return null;
            }
        }
    }

    /** Whether the calling thread now runs at {@code nice} (0–19); false where that is not possible (not Linux). */
    static boolean lowerCurrentThread(int nice) {
        LibC libc = Holder.LIBC;
        if (libc == null || nice <= 0) {
            return false;
        }
        try {
            return libc.setpriority(0 /* PRIO_PROCESS: a thread id names the thread */, libc.gettid(), nice) == 0;
        } catch (Throwable unavailable) { // e.g. a libc without gettid
            return false;
        }
    }
}
