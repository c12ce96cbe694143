package io.github.sessionfilter.redis;

import io.lettuce.core.api.StatefulConnection;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** A stand-in for a Lettuce connection that only counts how often it was closed. */
final class FakeConnection {
    final AtomicInteger closed = new AtomicInteger();
    final StatefulConnection<?, ?> connection;

    FakeConnection() {
        connection = (StatefulConnection<?, ?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {StatefulConnection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "close" -> {
                        closed.incrementAndGet();
                        yield null;
                    }
                    case "closeAsync" -> {
                        closed.incrementAndGet();
                        yield CompletableFuture.completedFuture(null);
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "FakeConnection";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
