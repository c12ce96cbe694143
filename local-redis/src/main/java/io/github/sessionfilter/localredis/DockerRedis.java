package io.github.sessionfilter.localredis;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/** Redis in a container, used when a Docker engine answers. */
final class DockerRedis implements AutoCloseable {
    static final String IMAGE = "redis:7.2-alpine";

    private final GenericContainer<?> container;

    private DockerRedis(GenericContainer<?> container) {
        this.container = container;
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    static DockerRedis start() {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE)).withExposedPorts(6379);
        container.start();
        return new DockerRedis(container);
    }

    String uri() {
        return "redis://" + container.getHost() + ":" + container.getMappedPort(6379);
    }

    @Override
    public void close() {
        container.stop();
    }
}
