package io.github.sessionfilter.localredis;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import redis.embedded.core.ExecutableProvider;

/** Locates a {@code redis-server} executable: the PATH first, then the one inside embedded-redis. */
final class RedisBinary {
    private RedisBinary() {
    }

    static File find() {
        File onPath = onPath("redis-server");
        if (onPath != null) {
            return onPath;
        }
        try {
            File embedded = ExecutableProvider.newJarResourceProvider().get();
            if (!embedded.canExecute() && !embedded.setExecutable(true)) {
                throw new IOException("cannot make " + embedded + " executable");
            }
            return embedded;
        } catch (IOException e) {
            throw new UncheckedIOException("no redis-server on the PATH and the embedded-redis binary is unusable", e);
        }
    }

    static String describe(File binary) {
        return binary.getName().equals("redis-server")
                ? "redis-server on the PATH (" + binary + ")"
                : "embedded-redis binary (" + binary.getName() + ")";
    }

    private static File onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File candidate = new File(dir, name);
            if (candidate.isFile() && candidate.canExecute()) {
                return candidate;
            }
        }
        return null;
    }
}
