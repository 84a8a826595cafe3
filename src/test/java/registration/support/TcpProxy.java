package registration.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay in front of a local port (PostgreSQL, Redis) that a test can break in the two ways a network
 * fails, for one application instance without touching the machine's server:
 * <ul>
 * <li>{@link #stop()} cuts: open connections are closed and new ones refused, as a server that went away;
 * {@link #start()} accepts again on the same port.</li>
 * <li>{@link #blackhole()} goes silent: connections stay open and new ones are accepted, but no byte passes in
 * either direction, as a hung server, a half-open connection or a dropped partition. Nothing tells the client;
 * only its own timeouts can. {@link #heal()} lets bytes pass again and closes the connections that were open
 * during the silence (their streams lost bytes, as a real partition's would have timed out by then).</li>
 * </ul>
 */
public final class TcpProxy implements AutoCloseable {

    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean silent;
    private ServerSocket server;

    public TcpProxy(int targetPort) {
        this.targetPort = targetPort;
        this.server = bind(0);
        this.port = server.getLocalPort();
        acceptOn(server);
    }

    public int port() {
        return port;
    }

    /** Refuses new connections and cuts the open ones, as a server that went away. */
    public synchronized void stop() {
        closeQuietly(server);
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /** Accepts connections again, on the same port. */
    public synchronized void start() {
        if (server.isClosed()) {
            server = bind(port);
            acceptOn(server);
        }
    }

    /** From now on no byte passes, and new connections are accepted and then ignored: a silent peer. */
    public synchronized void blackhole() {
        silent = true;
    }

    /** Ends a {@link #blackhole()}: closes the connections that lived through it, and relays new ones again. */
    public synchronized void heal() {
        if (!silent) {
            return;
        }
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
        silent = false;
    }

    /**
     * Ends a {@link #blackhole()} and closes nothing, as a partition that heals behind the client's back: what
     * was connected before relays again (its streams lost bytes), and what was accepted during the silence stays
     * unanswered for good. Only a client that gives up a connection after a timeout gets served again.
     */
    public synchronized void resume() {
        silent = false;
    }

    @Override
    public void close() {
        stop();
    }

    private static ServerSocket bind(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return socket;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void acceptOn(ServerSocket listening) {
        daemon(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    open.add(client);
                    if (silent) {
                        continue; // accepted by the kernel, never answered
                    }
                    Socket upstream = new Socket("127.0.0.1", targetPort);
                    open.add(upstream);
                    daemon(() -> pipe(client, upstream));
                    daemon(() -> pipe(upstream, client));
                } catch (IOException e) {
                    // closed by stop()
                }
            }
        });
    }

    private void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (!silent) { // bytes read during a blackhole are dropped, as a partition drops packets
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // one side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "tcp-proxy");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
