package io.github.sessionfilter.testing;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Light, steady load on a few sessions through two instances, recording every outcome. Each request
 * sets a new attribute ({@code w<n>}), so every 200 is an acknowledged commit that must still be there
 * afterwards; failures are timed to measure the error window around an event (a failover, a migration).
 */
public final class FailoverLoad {
    private final TwoInstances app;
    private final List<Browser> sessions;
    private final Duration pause;
    private final ExecutorService workers;
    private final List<Set<String>> acknowledged = new ArrayList<>();
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicLong firstFailureNanos = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastFailureNanos = new AtomicLong(Long.MIN_VALUE);
    private final List<String> failureSamples = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;
    private volatile long eventNanos;

    private FailoverLoad(TwoInstances app, List<Browser> sessions, Duration pause) {
        this.app = app;
        this.sessions = sessions;
        this.pause = pause;
        this.workers = Executors.newFixedThreadPool(sessions.size());
        for (int i = 0; i < sessions.size(); i++) {
            acknowledged.add(ConcurrentHashMap.newKeySet());
        }
    }

    /** Creates {@code sessionCount} sessions and starts one client per session, pausing between requests. */
    public static FailoverLoad start(TwoInstances app, int sessionCount, Duration pause) throws Exception {
        List<Browser> sessions = new ArrayList<>();
        for (int i = 0; i < sessionCount; i++) {
            Browser browser = new Browser();
            browser.body(app.a.uri("/set?name=start&value=" + i));
            sessions.add(browser);
        }
        FailoverLoad load = new FailoverLoad(app, sessions, pause);
        for (int i = 0; i < sessionCount; i++) {
            int session = i;
            load.workers.submit(() -> load.run(session));
        }
        return load;
    }

    /** The browsers (one per session), e.g. to find a session's key. */
    public List<Browser> sessions() {
        return sessions;
    }

    /** Marks the moment the disruptive event starts, for the recovery time. */
    public void markEvent() {
        eventNanos = System.nanoTime();
    }

    private void run(int session) {
        Browser browser = sessions.get(session);
        int n = 0;
        while (running) {
            n++;
            String name = "w" + n;
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = browser.get(app.alternate(n, "/set?name=" + name + "&value=" + n));
                if (response.statusCode() == 200 && "set".equals(response.body())) {
                    acknowledged.get(session).add(name);
                    served.incrementAndGet();
                } else {
                    failure(start, response.statusCode() + " " + response.body().trim());
                }
            } catch (Exception e) {
                failure(start, e.toString());
            }
            sleep(pause.toMillis());
        }
    }

    private void failure(long start, String what) {
        failed.incrementAndGet();
        firstFailureNanos.accumulateAndGet(start, Math::min);
        lastFailureNanos.accumulateAndGet(System.nanoTime(), Math::max);
        if (failureSamples.size() < 5) {
            failureSamples.add(what);
        }
    }

    /**
     * Stops the clients and checks every session: each acknowledged attribute must be present. Reads are
     * retried for a while, so a store still recovering does not count as loss.
     */
    public Result stop() throws Exception {
        running = false;
        workers.shutdown();
        if (!workers.awaitTermination(60, TimeUnit.SECONDS)) {
            throw new AssertionError("load clients did not stop within 60 s");
        }
        int lost = 0;
        int total = 0;
        List<String> lostNames = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            Set<String> present = names(sessions.get(i));
            for (String name : acknowledged.get(i)) {
                total++;
                if (!present.contains(name)) {
                    lost++;
                    if (lostNames.size() < 10) {
                        lostNames.add("session " + i + ": " + name);
                    }
                }
            }
        }
        long first = firstFailureNanos.get();
        long last = lastFailureNanos.get();
        double window = failed.get() == 0 ? 0 : (last - first) / 1e9;
        double recovery = failed.get() == 0 || eventNanos == 0 ? 0 : Math.max(0, last - eventNanos) / 1e9;
        return new Result(served.get(), failed.get(), window, recovery, total, lost, List.copyOf(failureSamples), lostNames);
    }

    private Set<String> names(Browser browser) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            HttpResponse<String> response = browser.get(app.b.uri("/names"));
            if (response.statusCode() == 200) {
                String body = response.body().trim();
                String inner = body.substring(1, body.length() - 1);
                return inner.isEmpty() ? Set.of() : new HashSet<>(Arrays.asList(inner.split(", ")));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the session cannot be read after the event: " + response.statusCode() + " " + response.body());
            }
            sleep(200);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What the clients saw.
     *
     * @param errorWindowSeconds from the start of the first failed request to the end of the last one
     * @param recoverySeconds    from {@link #markEvent()} to the end of the last failed request
     * @param acknowledged       commits answered 200
     * @param lost               acknowledged commits missing afterwards (must be 0)
     */
    public record Result(int served, int failed, double errorWindowSeconds, double recoverySeconds, int acknowledged,
                         int lost, List<String> failureSamples, List<String> lostNames) {

        /** The figure line for the test log and docs/RELIABILITY.md (without the [reliability] prefix). */
        public String describe(String event) {
            return String.format(Locale.ROOT, "%s: error window %.2f s, %d failed / %d served, lost %d"
                            + " (of %d acknowledged commits), recovered %.2f s after the event%s", event, errorWindowSeconds,
                    failed, served, lost, acknowledged, recoverySeconds,
                    failureSamples.isEmpty() ? "" : "; failures e.g. " + failureSamples);
        }
    }
}
