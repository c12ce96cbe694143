package io.github.sessionfilter.testing;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A steady load on two instances: each client is one user (its own cookie jar) who, in turn, adds an
 * item to its cart (a session write, object mutated in place), reads its cart (a session read) and
 * fetches a page that does not touch the session, alternating instances. Every request is recorded;
 * every item whose add was answered 200 is remembered, so {@link #verify} can count acknowledged
 * changes that were lost.
 */
public final class SessionLoad implements AutoCloseable {
    /** What a request did. */
    public enum Kind { WRITE, READ, NONE }

    /**
     * One request.
     *
     * @param instance     'a' or 'b'
     * @param startNanos   {@link System#nanoTime()} when it was sent
     * @param latencyNanos until the answer (or the failure)
     * @param status       HTTP status, or -1 when no answer came
     * @param retryAfter   whether the answer had a Retry-After header
     */
    public record Sample(Kind kind, char instance, long startNanos, long latencyNanos, int status, boolean retryAfter) {
        public boolean ok() {
            return status == 200;
        }

        public long endNanos() {
            return startNanos + latencyNanos;
        }
    }

    /** Result of {@link #verify}. */
    public record Verification(int acknowledged, int lost, int appliedWithoutAcknowledgement) {
    }

    private final TwoInstances app;
    private final Duration thinkTime;
    private final List<Client> clients = new ArrayList<>();
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;

    private SessionLoad(TwoInstances app, Duration thinkTime) {
        this.app = app;
        this.thinkTime = thinkTime;
    }

    /** Starts {@code clients} users, each pausing {@code thinkTime} between requests. */
    public static SessionLoad start(TwoInstances app, int clients, Duration thinkTime) {
        SessionLoad load = new SessionLoad(app, thinkTime);
        for (int c = 0; c < clients; c++) {
            Client client = load.new Client(c);
            load.clients.add(client);
            client.thread.start();
        }
        return load;
    }

    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** Stops the users and waits for their last requests (bounded). */
    public void stop() throws InterruptedException {
        running = false;
        for (Client client : clients) {
            client.thread.join(30_000);
        }
    }

    /** Reads every user's cart (retrying while the store recovers, bounded) and compares it with what was acknowledged. */
    public Verification verify() throws Exception {
        int acknowledged = 0;
        int lost = 0;
        int extra = 0;
        for (Client client : clients) {
            Set<String> present = client.readCart();
            acknowledged += client.acknowledged.size();
            for (String item : client.acknowledged) {
                if (!present.contains(item)) {
                    lost++;
                }
            }
            Set<String> unacknowledged = new HashSet<>(present);
            client.acknowledged.forEach(unacknowledged::remove);
            extra += unacknowledged.size();
        }
        return new Verification(acknowledged, lost, extra);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private final class Client {
        final int id;
        final Browser browser = new Browser();
        final List<String> acknowledged = new CopyOnWriteArrayList<>();
        final Thread thread;

        Client(int id) {
            this.id = id;
            this.thread = new Thread(this::run, "load-client-" + id);
            this.thread.setDaemon(true);
        }

        void run() {
            int i = 0;
            while (running) {
                String item = "c" + id + "-" + i;
                int at = i + id;
                send(Kind.WRITE, at, "/add?item=" + item, item);
                send(Kind.READ, at + 1, "/get?name=cart", null);
                send(Kind.NONE, at, "/none", null);
                i++;
            }
        }

        void send(Kind kind, int at, String path, String item) {
            java.net.URI uri = app.alternate(at, path);
            long start = System.nanoTime();
            int status;
            boolean retryAfter = false;
            try {
                HttpResponse<String> response = browser.get(uri);
                status = response.statusCode();
                retryAfter = response.headers().firstValue("Retry-After").isPresent();
            } catch (Exception e) {
                status = -1;
            }
            samples.add(new Sample(kind, at % 2 == 0 ? 'a' : 'b', start, System.nanoTime() - start, status, retryAfter));
            if (status == 200 && item != null) {
                acknowledged.add(item);
            }
            try {
                Thread.sleep(thinkTime.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }

        Set<String> readCart() throws Exception {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (true) {
                HttpResponse<String> response = browser.get(app.a.uri("/get?name=cart"));
                if (response.statusCode() == 200) {
                    String body = response.body().trim();
                    if (body.equals("null") || body.equals("no-session")) {
                        return Set.of();
                    }
                    return Arrays.stream(body.substring(1, body.length() - 1).split(", "))
                            .collect(Collectors.toSet());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("cart of client " + id + " unreadable: " + response.statusCode());
                }
                Thread.sleep(200);
            }
        }
    }
}
