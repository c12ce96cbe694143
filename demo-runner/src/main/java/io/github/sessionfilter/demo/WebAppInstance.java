package io.github.sessionfilter.demo;

import java.net.BindException;
import java.util.Set;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.ClassMatcher;

/**
 * One instance of the demo, in its own JVM: embedded Jetty 12 (ee10) deploying the WAR at {@code /}.
 * Settings for the filter and the database come in through the environment, exactly as on Cloud Run.
 * Stops when its JVM is asked to (SIGINT, SIGTERM) and when the runner that started it goes away.
 */
final class WebAppInstance {
    static final String MODE = "instance";
    static final int EXIT_FAILED = 1;
    static final int EXIT_PORT_TAKEN = 3;

    private WebAppInstance() {
    }

    /** {@code instance --name app1 --host 127.0.0.1 --port 8080 --war demo.war}; returns the exit code. */
    static int run(String[] args) {
        Arguments arguments = Arguments.parse(args, 1, Set.of("name", "host", "port", "war"));
        String name = arguments.required("name");
        String host = arguments.required("host");
        int port = Arguments.port(arguments.required("port"));
        stopWhenParentExits(name);

        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setErrorHandler(quietErrors());

        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setWar(arguments.required("war"));
        // A WAR that fails to deploy (missing setting, unreachable database) must stop this process, not
        // leave it answering 503, so the runner can say what went wrong.
        webapp.setThrowUnavailableOnStartupException(true);
        // The WAR brings slf4j-api (via jose4j) but no binding; let it use this server's binding instead of
        // printing an error about a provider it can see but not load (Jetty hides its own classes).
        webapp.addProtectedClassMatcher(new ClassMatcher("org.slf4j."));
        webapp.addHiddenClassMatcher(new ClassMatcher("-org.eclipse.jetty.logging."));
        if (webapp.getErrorHandler() instanceof org.eclipse.jetty.ee10.servlet.ErrorHandler errors) {
            errors.setShowStacks(false);
            errors.setShowCauses(false);
            errors.setShowMessageInTitle(false);
        }
        server.setHandler(webapp);
        server.setStopAtShutdown(true);
        server.setStopTimeout(5_000);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            if (causedByBind(e)) {
                System.out.println("port " + port + " on " + host + " is already in use; cannot start " + name);
                return EXIT_PORT_TAKEN;
            }
            // Jetty has logged the stack trace already; this line is the summary the runner's reader sees last.
            System.out.println(name + " failed to start: " + e);
            return EXIT_FAILED;
        }
        System.out.println(readyLine(name) + " http://" + host + ":" + port + "/");
        try {
            server.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * The line an instance prints once it accepts requests. Jetty binds its port before the web app is
     * deployed (connections then wait in the backlog), so a successful connect proves nothing; this line does.
     */
    static String readyLine(String name) {
        return name + " is ready at";
    }

    /** Jetty's own error pages (for requests that never reach the WAR) show no stack traces or messages either. */
    private static ErrorHandler quietErrors() {
        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        errors.setShowCauses(false);
        errors.setShowMessageInTitle(false);
        return errors;
    }

    /** If the runner is killed outright (no shutdown hook), its instances must not linger on their ports. */
    private static void stopWhenParentExits(String name) {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            System.out.println("the runner (pid " + parent.pid() + ") has gone away; stopping " + name);
            System.exit(0);
        }));
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception ignored) {
            // already failing; the start failure is what gets reported
        }
    }
}
