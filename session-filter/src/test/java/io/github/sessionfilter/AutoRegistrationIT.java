package io.github.sessionfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sessionfilter.testing.Browser;
import io.github.sessionfilter.testing.RecordingListener;
import io.github.sessionfilter.testing.ScenarioServlet;
import io.github.sessionfilter.testing.TestKeys;
import io.github.sessionfilter.testing.TestRedis;
import java.net.URI;
import java.util.Map;
import java.util.Properties;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** The jar registers the filter itself when configured, so an app needs no web.xml change. */
class AutoRegistrationIT {

    private static Properties configuredProperties(String autoRegister) {
        Properties props = new Properties();
        props.setProperty("session.redis.uri", TestRedis.get().uri());
        props.setProperty("session.redis.key-prefix", TestKeys.prefix());
        if (autoRegister != null) {
            props.setProperty("session.auto-register", autoRegister);
        }
        return props;
    }

    private static String scenario(Properties initializerProps) throws Exception {
        String keysProperty = "session.jwt.keys";
        System.setProperty(keysProperty, TestKeys.keyPair("k1"));
        System.setProperty("session.attributes.allow", "io.github.sessionfilter.**");
        System.setProperty("session.listeners", RecordingListener.class.getName());
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/app");
        context.addServletContainerInitializer(new SessionListenerInitializer(Map.of(), initializerProps));
        context.addServlet(new ServletHolder(new ScenarioServlet()), "/*");
        server.setHandler(context);
        // The container creates the filter from its class name: it reads the system properties set above.
        initializerProps.stringPropertyNames().forEach(k -> System.setProperty(k, initializerProps.getProperty(k)));
        try {
            server.start();
            Browser browser = new Browser();
            URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/app");
            int status = browser.get(URI.create(base + "/set?name=x&value=auto")).statusCode();
            if (status != 200) {
                // Without the filter the request reaches the container's session support, which this context lacks.
                return "status " + status + (browser.cookie("SESSION") == null ? ";no-cookie" : ";cookie");
            }
            return browser.body(URI.create(base + "/get?name=x")) + (browser.cookie("SESSION") == null ? ";no-cookie" : ";cookie");
        } finally {
            server.stop();
            for (String key : new String[] {keysProperty, "session.attributes.allow", "session.listeners",
                    "session.redis.uri", "session.redis.key-prefix", "session.auto-register"}) {
                System.clearProperty(key);
            }
        }
    }

    @Test
    void configuredJar_registersTheFilter_withoutWebXml() throws Exception {
        assertEquals("auto;cookie", scenario(configuredProperties(null)));
    }

    @Test
    void autoRegistrationSwitchedOff_leavesTheAppAlone() throws Exception {
        assertEquals("status 500;no-cookie", scenario(configuredProperties("false")));
    }

    @Test
    void unconfiguredJar_doesNotRegister() throws Exception {
        assertEquals("status 500;no-cookie", scenario(new Properties()));
    }
}
