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
        Map<String, String> settings = new HashMap<>();
        settings.put("redis.uri", redis.uri());
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
