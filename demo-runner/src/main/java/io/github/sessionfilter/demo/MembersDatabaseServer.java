package io.github.sessionfilter.demo;

import io.github.sessionfilter.localredis.FreePort;
import java.nio.file.Path;
import java.sql.SQLException;
import org.h2.tools.Server;

/**
 * An H2 database server on a loopback port, owned by the runner like its Redis, so that every instance
 * sees the same members. Files live in the data directory and survive restarts of the demo.
 */
final class MembersDatabaseServer implements AutoCloseable {
    private final Server server;
    private final Path directory;

    private MembersDatabaseServer(Server server, Path directory) {
        this.server = server;
        this.directory = directory;
    }

    static MembersDatabaseServer start(Path directory) throws SQLException {
        // Loopback only (no -tcpAllowOthers); -ifNotExists lets the first instance create the database.
        Server server = Server.createTcpServer("-tcpPort", String.valueOf(FreePort.find()), "-baseDir", directory.toString(), "-ifNotExists").start();
        return new MembersDatabaseServer(server, directory);
    }

    /** What the instances get as {@code DEMO_JDBC_URL}. */
    String jdbcUrl() {
        return "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/members;DB_CLOSE_DELAY=-1";
    }

    Path directory() {
        return directory;
    }

    @Override
    public void close() {
        server.stop();
    }
}
