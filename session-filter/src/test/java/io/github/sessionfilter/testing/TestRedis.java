package io.github.sessionfilter.testing;

import io.github.sessionfilter.localredis.LocalRedis;

/**
 * The Redis shared by the tests of one JVM, obtained once (see {@link LocalRedis#obtain()} for the
 * order of sources). Tests isolate themselves with their own key prefix, never by flushing.
 */
public final class TestRedis {
    private static LocalRedis redis;

    private TestRedis() {
    }

    public static synchronized LocalRedis get() {
        if (redis == null) {
            redis = LocalRedis.obtain();
            Runtime.getRuntime().addShutdownHook(new Thread(redis::close, "test-redis-stop"));
        }
        return redis;
    }
}
