package io.github.sessionfilter.demo.members;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;

/**
 * Opens the members database when the web app starts: creates the tables if needed and publishes a
 * {@link MemberStore}, a {@link PasswordHasher} and the {@link OnlineCount} as context attributes. Several instances may start at
 * once against one database, so schema creation is retried a few times before the app refuses to start.
 */
public final class MembersDatabaseListener implements ServletContextListener {
    public static final String STORE = MemberStore.class.getName();
    public static final String HASHER = PasswordHasher.class.getName();
    public static final String ONLINE = OnlineCount.class.getName();

    private static final int ATTEMPTS = 10;
    private static final long PAUSE_MILLIS = 1_000;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        JdbcSettings settings = JdbcSettings.from(System::getenv);
        settings.loadDriver();
        MemberStore store = new MemberStore(settings);
        OnlineCount online = new OnlineCount(settings);
        createSchema(store, online, settings, context);
        context.setAttribute(STORE, store);
        context.setAttribute(ONLINE, online);
        context.setAttribute(HASHER, new PasswordHasher());
        context.log("members database: " + settings.describe());
    }

    private static void createSchema(MemberStore store, OnlineCount online, JdbcSettings settings, ServletContext context) {
        for (int attempt = 1; ; attempt++) {
            try {
                store.createSchema();
                online.createSchema();
                return;
            } catch (SQLException e) {
                if (attempt == ATTEMPTS) {
                    throw new IllegalStateException("cannot create the members tables in " + settings.describe()
                            + " after " + ATTEMPTS + " attempts: " + e.getMessage(), e);
                }
                context.log("members database " + settings.describe() + " not ready (" + e.getMessage()
                        + "), retrying in " + PAUSE_MILLIS + " ms");
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the members database", e);
        }
    }

    /** Drivers registered from WEB-INF/lib would pin this web app's class loader after an undeploy. */
    @Override
    public void contextDestroyed(ServletContextEvent event) {
        ClassLoader ours = getClass().getClassLoader();
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass().getClassLoader() == ours) {
                try {
                    DriverManager.deregisterDriver(driver);
                } catch (SQLException e) {
                    event.getServletContext().log("could not deregister JDBC driver " + driver.getClass().getName(), e);
                }
            }
        }
    }
}
