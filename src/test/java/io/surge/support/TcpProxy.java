package io.surge.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy a test puts between the application and a server (MySQL), so it can take the server away without
 * touching it: {@link #cut()} closes every live connection and closes new ones as soon as they are accepted, as a
 * server that went away would look to the driver (connection reset / refused, not a hang); {@link #restore()}
 * forwards again. {@link #delayReplies} holds back what the server sends (a command that ran, whose answer comes too
 * late for the client's timeout); {@link #holdReplies} holds them back once, for a while, as a client that paused (a
 * full GC, a starved CPU) would see them: late, then all at once. Blocking sockets on virtual threads: two per connection, no selector bookkeeping.
 */
public final class TcpProxy implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MS = 2_000;
    private final InetSocketAddress target;
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> live = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile long replyDelayMillis;
    private volatile long heldUntilNanos = System.nanoTime();

    private TcpProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        threads.submit(this::acceptLoop);
    }

    /** Listens on an ephemeral 127.0.0.1 port and forwards to {@code target}. */
    public static TcpProxy to(InetSocketAddress target) {
        try {
            return new TcpProxy(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Drops every open connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        cut = true;
        live.forEach(TcpProxy::closeQuietly);
    }

    public void restore() {
        cut = false;
    }

    /** Holds each chunk the server sends for this long before passing it on; zero forwards at once again. */
    public void delayReplies(java.time.Duration delay) {
        replyDelayMillis = delay.toMillis();
    }

    /** Passes nothing the server sends on for this long from now, then everything held at once and the rest as usual. */
    public void holdReplies(java.time.Duration hold) {
        heldUntilNanos = System.nanoTime() + hold.toNanos();
    }

    @Override
    public void close() {
        closeQuietly(server);
        cut();
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (cut) {
                    closeQuietly(client);
                } else {
                    threads.submit(() -> forward(client));
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void forward(Socket client) {
        Socket upstream = new Socket();
        live.add(client);
        live.add(upstream);
        try {
            // registered before this check, so a cut() racing with the set-up either sees these sockets or we see it
            if (cut) {
                throw new IOException("cut");
            }
            upstream.connect(target, CONNECT_TIMEOUT_MS);
            threads.submit(() -> pipe(upstream, client, true));
            pipe(client, upstream, false);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    /** Copies until either side ends, then closes both: a half-open MySQL connection is of no use to anyone. */
    private void pipe(Socket from, Socket to, boolean replies) {
        try {
            var in = from.getInputStream();
            var out = to.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                long delay = replies ? replyDelayMillis : 0;
                if (delay > 0) {
                    Thread.sleep(delay);
                }
                long held = replies ? heldUntilNanos - System.nanoTime() : 0;
                if (held > 0) {
                    Thread.sleep(java.time.Duration.ofNanos(held));
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (IOException ended) {
            // the other side closed, or cut() closed us
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            live.remove(from);
            live.remove(to);
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
