package io.github.sessionfilter.testing;

import io.github.sessionfilter.localredis.LocalRedis;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Two servers (two "instances") sharing one Redis and one configuration, like two Cloud Run instances. */
public final class TwoInstances implements AutoCloseable {
    public final AppServer a;
    public final AppServer b;
    public final Map<String, String> settings;
    public final LocalRedis redis;

    private TwoInstances(AppServer a, AppServer b, Map<String, String> settings, LocalRedis redis) {
        this.a = a;
        this.b = b;
        this.settings = settings;
        this.redis = redis;
    }

    /** The default test settings for the given Redis; callers may add or override entries. */
    public static Map<String, String> settings(LocalRedis redis) {
        return settings(redis.uri());
    }

    /** The default test settings for a Redis given by URI (a cluster seed, a Sentinel URI). */
    public static Map<String, String> settings(String redisUri) {
        Map<String, String> settings = new HashMap<>();
        settings.put("redis.uri", redisUri);
        settings.put("jwt.keys", TestKeys.keyPair("k1"));
        settings.put("redis.key-prefix", TestKeys.prefix());
        settings.put("attributes.allow", "io.github.sessionfilter.**");
        return settings;
    }

    public static TwoInstances start(LocalRedis redis, Map<String, String> settings, Supplier<Filter> filter,
                                     Supplier<HttpServlet> servlet) throws Exception {
        AppServer a = AppServer.start(filter.get(), settings, servlet.get());
        AppServer b = AppServer.start(filter.get(), settings, servlet.get());
        return new TwoInstances(a, b, settings, redis);
    }

    /**
     * Waits until both instances reach Redis (a session write answers 200): a fresh instance connects in
     * the background, which on a busy machine can take longer than one command's timeout.
     */
    public TwoInstances awaitRedis() throws Exception {
        for (AppServer server : new AppServer[] {a, b}) {
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
            while (new Browser().get(server.uri("/set?name=warm-up&value=1")).statusCode() != 200) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("instance " + server.uri("/") + " never reached Redis");
                }
                Thread.sleep(200);
            }
        }
        return this;
    }

    /** Instance A for even i, B for odd i: a client alternating between them. */
    public URI alternate(int i, String path) {
        return (i % 2 == 0 ? a : b).uri(path);
    }

    @Override
    public void close() throws Exception {
        a.close();
        b.close();
    }
}
