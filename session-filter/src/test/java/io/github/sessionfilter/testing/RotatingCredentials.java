package io.github.sessionfilter.testing;

import io.github.sessionfilter.RedisCredentials;
import io.github.sessionfilter.RedisCredentialsProvider;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A credentials provider whose password a test changes, as an IAM token rotates. The filter creates
 * the instance by class name, so the test steers it through static fields (tests only).
 */
public final class RotatingCredentials implements RedisCredentialsProvider {
    public static final String USER = "app";
    public static final AtomicReference<String> PASSWORD = new AtomicReference<>("");
    public static final AtomicInteger CALLS = new AtomicInteger();

    @Override
    public RedisCredentials credentials() {
        CALLS.incrementAndGet();
        return RedisCredentials.of(USER, PASSWORD.get());
    }
}
