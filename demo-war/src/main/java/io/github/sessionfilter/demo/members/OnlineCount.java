package io.github.sessionfilter.demo.members;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * "Online now": the number of live sessions, one row in the members database, so every instance adds to
 * and reads the same number. Changed only by atomic {@code UPDATE ... SET n = n + ?}, never read-then-write.
 * It can drift when sessions vanish without being announced (a Redis that is flushed or replaced), so it
 * is never shown below zero.
 */
public final class OnlineCount {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS online_sessions (
              id INT    NOT NULL PRIMARY KEY,
              n  BIGINT NOT NULL
            )""";

    private final JdbcSettings settings;

    public OnlineCount(JdbcSettings settings) {
        this.settings = settings;
    }

    /** Creates the table and its one row when missing; several instances may do this at once. */
    public void createSchema() throws SQLException {
        try (Connection connection = settings.connect(); Statement statement = connection.createStatement()) {
            statement.execute(SCHEMA);
            try {
                statement.executeUpdate("INSERT INTO online_sessions (id, n) SELECT 1, 0 WHERE NOT EXISTS "
                        + "(SELECT 1 FROM online_sessions WHERE id = 1)");
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e; // else another instance inserted the row first
                }
            }
        }
    }

    /** Adds {@code delta} (negative to subtract) in one statement. */
    public void add(long delta) throws SQLException {
        try (Connection connection = settings.connect();
                PreparedStatement statement = connection.prepareStatement("UPDATE online_sessions SET n = n + ? WHERE id = 1")) {
            statement.setLong(1, delta);
            statement.executeUpdate();
        }
    }

    /** The count as stored; may be below zero after drift (see the class comment). */
    public long stored() throws SQLException {
        try (Connection connection = settings.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT n FROM online_sessions WHERE id = 1")) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    /** The count to show: never negative. */
    public long shown() throws SQLException {
        return Math.max(0, stored());
    }
}
