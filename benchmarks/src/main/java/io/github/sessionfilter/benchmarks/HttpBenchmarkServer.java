package io.github.sessionfilter.benchmarks;

import io.github.sessionfilter.RedisSessionFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.session.data.redis.RedisSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * The server of the HTTP benchmark (benchmarks/http.sh): embedded Jetty 12 on 127.0.0.1 with the
 * container's in-memory sessions ({@code memory}), Spring Session Data Redis with its defaults
 * ({@code spring}: {@code SessionRepositoryFilter} over {@code RedisSessionRepository}, JDK serialization,
 * Lettuce) or session-filter ({@code filter}), the last two on the Redis given, and a
 * servlet with one path per workload: {@code /login} (creates the session: a user name, a 5-item cart, a
 * counter), {@code /none} (no session), {@code /read} (reads the 3 attributes), {@code /write} (reads them,
 * sets the counter), {@code /mutate} (adds to the cart list in place, no setAttribute).
 *
 * <p>Arguments: {@code memory|spring|filter port [redis-uri]}. Runs until killed.
 */
public final class HttpBenchmarkServer {

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int port = Integer.parseInt(args[1]);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(
                mode.equals("memory") ? ServletContextHandler.SESSIONS : ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        if (mode.equals("spring")) {
            context.addFilter(new FilterHolder(springSessionFilter(URI.create(args[2]))), "/*",
                    EnumSet.of(DispatcherType.REQUEST));
        } else if (mode.equals("filter")) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            FilterHolder holder = new FilterHolder(new RedisSessionFilter());
            holder.setInitParameters(Map.of("redis.uri", args[2],
                    "jwt.keys", "k1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret)));
            context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
        } else if (!mode.equals("memory")) {
            throw new IllegalArgumentException("mode must be memory, spring or filter, was " + mode);
        }
        context.addServlet(new ServletHolder(new WorkloadServlet()), "/*");
        server.setHandler(context);
        server.start();
        System.out.println("listening on " + port + " (" + mode + ")");
        server.join();
    }

    /**
     * Spring Session Data Redis as a Spring Boot app gets it by default ({@code spring.session.redis}
     * unset): {@code RedisSessionRepository} over a {@code RedisTemplate} with string keys and hash keys and
     * JDK serialization for values, Lettuce underneath, the {@code SESSION} cookie.
     */
    private static SessionRepositoryFilter<?> springSessionFilter(URI redis) {
        LettuceConnectionFactory connections =
                new LettuceConnectionFactory(new RedisStandaloneConfiguration(redis.getHost(), redis.getPort()));
        connections.afterPropertiesSet();
        connections.start();
        RedisTemplate<String, Object> template = new RedisTemplate<>();
        template.setConnectionFactory(connections);
        template.setKeySerializer(RedisSerializer.string());
        template.setHashKeySerializer(RedisSerializer.string());
        template.afterPropertiesSet();
        return new SessionRepositoryFilter<>(new RedisSessionRepository(template));
    }

    /** One path per workload; the same code whichever session implementation is behind getSession(). */
    static final class WorkloadServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        @SuppressWarnings("unchecked")
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String path = request.getRequestURI();
            String body;
            switch (path) {
                case "/login" -> {
                    HttpSession session = request.getSession(true);
                    session.setAttribute("user", "user-" + session.getId().substring(0, 6));
                    session.setAttribute("cart", new ArrayList<>(List.of("sku-1", "sku-2", "sku-3", "sku-4", "sku-5")));
                    session.setAttribute("visits", 0);
                    body = "logged in";
                }
                case "/none" -> body = "no session";
                case "/read", "/write", "/mutate" -> {
                    HttpSession session = request.getSession(false);
                    if (session == null) {
                        response.sendError(401);
                        return;
                    }
                    String user = (String) session.getAttribute("user");
                    List<String> cart = (List<String>) session.getAttribute("cart");
                    Integer visits = (Integer) session.getAttribute("visits");
                    if (path.equals("/write")) {
                        session.setAttribute("visits", visits + 1);
                    } else if (path.equals("/mutate")) {
                        if (cart.size() >= 20) {
                            cart.subList(5, cart.size()).clear();
                        }
                        cart.add("sku-" + (visits + cart.size()));
                    }
                    body = user + " " + cart.size() + " " + visits;
                }
                default -> {
                    response.sendError(404);
                    return;
                }
            }
            response.setContentType("text/plain");
            response.getWriter().write(body);
        }
    }
}
