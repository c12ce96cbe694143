package io.github.sessionfilter.containers;

import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ClassMatcher;

/**
 * One embedded Jetty 12 (ee10) serving one WAR, in its own JVM, the way an application embeds Jetty:
 * {@code java -cp <jetty jars> JettyWebApp <port> <war> <context path>}. The WAR's settings (session-filter's
 * {@code SESSION_*}, the demo's {@code DEMO_JDBC_URL}) come from this process's environment, as on Cloud Run.
 *
 * <p>Prints {@link #READY} once the web app is deployed (Jetty accepts connections before that, so an open
 * port proves nothing), exits with status 1 if the WAR fails to deploy, and stops when its parent goes
 * away, so a crashed test run leaves no server behind.
 */
public final class JettyWebApp {
    /** The start of the line printed once requests are served. */
    public static final String READY = "JettyWebApp ready at";

    private JettyWebApp() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: JettyWebApp <port> <war> <context path>");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            System.out.println("parent process " + parent.pid() + " has gone away; stopping");
            System.exit(0);
        }));

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);

        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath(args[2]);
        webapp.setWar(args[1]);
        webapp.setThrowUnavailableOnStartupException(true);
        // The WAR brings slf4j-api but no provider; let it log through the server's, as demo-runner does.
        webapp.addProtectedClassMatcher(new ClassMatcher("org.slf4j."));
        webapp.addHiddenClassMatcher(new ClassMatcher("-org.eclipse.jetty.logging."));
        server.setHandler(webapp);
        server.setStopAtShutdown(true);
        server.setStopTimeout(5_000);
        try {
            server.start();
        } catch (Exception e) {
            System.out.println("JettyWebApp failed to start: " + e);
            e.printStackTrace(System.out);
            server.stop();
            System.exit(1);
        }
        System.out.println(READY + " http://127.0.0.1:" + connector.getLocalPort() + args[2]);
        server.join();
    }
}
