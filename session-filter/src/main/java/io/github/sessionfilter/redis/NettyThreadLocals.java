package io.github.sessionfilter.redis;

import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.FastThreadLocalThread;

/**
 * Netty leaves an {@code InternalThreadLocalMap} on any thread that touches it: container request
 * threads, and the thread that starts or stops the web app. A redeployed app would leak its class
 * loader through those (Tomcat reports it on stop), so we clear them whenever control goes back to
 * the container. Netty's own threads keep theirs.
 */
final class NettyThreadLocals {
    private NettyThreadLocals() {
    }

    static void clearOnContainerThread() {
        if (!(Thread.currentThread() instanceof FastThreadLocalThread)) {
            FastThreadLocal.removeAll();
        }
    }
}
