package io.github.sessionfilter.demo.members;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.UnaryOperator;

/**
 * Where the members live. {@code DEMO_JDBC_URL} (with {@code DEMO_JDBC_USER} and
 * {@code DEMO_JDBC_PASSWORD}) names any database whose driver is in the WAR: PostgreSQL
 * ({@code jdbc:postgresql://host/db}) or H2 ({@code jdbc:h2:tcp://...}). Without it, an H2 file database
 * in the temp directory with {@code AUTO_SERVER=TRUE}, so several instances on one machine share it.
 */
public record JdbcSettings(String url, String user, String password) {

    public static JdbcSettings from(UnaryOperator<String> environment) {
        String url = environment.apply("DEMO_JDBC_URL");
        if (url == null || url.isBlank()) {
            Path file = Path.of(System.getProperty("java.io.tmpdir"), "session-filter-demo", "members").toAbsolutePath();
            return new JdbcSettings("jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE", "sa", "");
        }
        return new JdbcSettings(url.trim(), orEmpty(environment.apply("DEMO_JDBC_USER")),
                orEmpty(environment.apply("DEMO_JDBC_PASSWORD")));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** Loads the driver through this web app's class loader; DriverManager's own discovery may not see WEB-INF/lib. */
    public void loadDriver() {
        String driver = url.startsWith("jdbc:h2:") ? "org.h2.Driver"
                : url.startsWith("jdbc:postgresql:") ? "org.postgresql.Driver"
                : null;
        if (driver == null) {
            return;
        }
        try {
            Class.forName(driver, true, JdbcSettings.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("JDBC driver " + driver + " is missing from WEB-INF/lib", e);
        }
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** The URL without parameters, which may hold credentials; safe to log. */
    public String describe() {
        int cut = url.length();
        for (char c : new char[] {'?', ';'}) {
            int at = url.indexOf(c);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        return url.substring(0, cut);
    }

    @Override
    public String toString() {
        return describe();
    }
}
