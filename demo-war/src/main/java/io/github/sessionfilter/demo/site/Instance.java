package io.github.sessionfilter.demo.site;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Which server instance is answering: host name and local port, so a person can watch requests move. */
final class Instance {
    private static final String HOST_NAME = resolveHostName();

    private Instance() {
    }

    static String describe(HttpServletRequest request) {
        return HOST_NAME + ":" + request.getLocalPort();
    }

    private static String resolveHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String fromEnvironment = System.getenv("HOSTNAME");
            return fromEnvironment == null ? "unknown-host" : fromEnvironment;
        }
    }
}
