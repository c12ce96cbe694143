package io.github.sessionfilter.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy in front of Redis with a switch that makes it silent: {@link #silence()} stops
 * forwarding on every open connection without closing anything (bytes are read and dropped, like a
 * host that vanished or a lost NAT mapping), and connections accepted while silent are black holes too.
 * {@link #resume()} forwards new connections again; connections silenced before stay dead, as they
 * would on a real network. The proxy records when a client closes a silenced connection: that is the
 * moment the client noticed.
 */
public final class SilentProxy implements AutoCloseable {
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final List<Long> silentClosedAtNanos = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean forwarding = true;

    private SilentProxy(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
    }

    public static SilentProxy start(String host, int port) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            SilentProxy proxy = new SilentProxy(server, new InetSocketAddress(host, port));
            Thread acceptor = new Thread(proxy::acceptLoop, "silent-proxy-accept");
            acceptor.setDaemon(true);
            acceptor.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String uri() {
        return "redis://127.0.0.1:" + server.getLocalPort();
    }

    /** Stops forwarding on every connection, open or new; closes nothing. */
    public void silence() {
        forwarding = false;
        for (Link link : links) {
            link.silent = true;
        }
    }

    /** Forwards connections accepted from now on; silenced ones stay silent. */
    public void resume() {
        forwarding = true;
    }

    public int accepted() {
        return accepted.get();
    }

    /**
     * When clients closed connections that had worked before {@link #silence()} ({@link System#nanoTime()}),
     * in order. Connections born silent do not count.
     */
    public List<Long> silentConnectionsClosedAtNanos() {
        return List.copyOf(silentClosedAtNanos);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                accepted.incrementAndGet();
                Link link = new Link(client, !forwarding);
                links.add(link);
                link.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Link link : links) {
            link.close();
        }
    }

    /** One client connection and, unless born silent, its upstream connection. */
    private final class Link {
        final Socket client;
        final Socket upstream;
        volatile boolean silent;

        Link(Socket client, boolean silent) throws IOException {
            this.client = client;
            this.silent = silent;
            if (silent) {
                this.upstream = null;
            } else {
                this.upstream = new Socket();
                upstream.connect(target, 2000);
            }
        }

        void start() {
            thread("c->r", () -> pump(client, upstream, true));
            if (upstream != null) {
                thread("r->c", () -> pump(upstream, client, false));
            }
        }

        private void pump(Socket from, Socket to, boolean fromClient) {
            byte[] buffer = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to == null ? null : to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (!silent && out != null) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
                recordSilencedClose(fromClient);
            } catch (IOException e) {
                recordSilencedClose(fromClient);
            } finally {
                if (!silent || fromClient) {
                    close();
                }
            }
        }

        /** Only connections that worked before the silence count: those are the ones a client must notice. */
        private void recordSilencedClose(boolean fromClient) {
            if (fromClient && silent && upstream != null) {
                silentClosedAtNanos.add(System.nanoTime());
            }
        }

        private void thread(String name, Runnable body) {
            Thread t = new Thread(body, "silent-proxy-" + name);
            t.setDaemon(true);
            t.start();
        }

        void close() {
            closeQuietly(client);
            closeQuietly(upstream);
        }

        private void closeQuietly(Socket socket) {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
    }
}
