package io.github.sessionfilter.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One visitor of the test apps of {@link TestWebApps} ({@code /app/s?op=...}, answers {@code key=value} lines). */
final class LegacyAppClient {
    final WebClient browser = new WebClient();

    /** Runs {@code op} with {@code key, value} parameters on {@code instance}; the answer's lines as a map. */
    Map<String, String> call(ContainerProcess instance, String op, String... parameters) throws Exception {
        WebClient.Page page = page(instance, op, parameters);
        assertEquals(200, page.status(), () -> instance.name() + ": " + page);
        Map<String, String> answer = new LinkedHashMap<>();
        for (String line : page.body().split("\\R")) {
            int at = line.indexOf('=');
            if (at > 0) {
                answer.put(line.substring(0, at), line.substring(at + 1));
            }
        }
        return answer;
    }

    WebClient.Page page(ContainerProcess instance, String op, String... parameters) throws Exception {
        StringBuilder path = new StringBuilder("/app/s?op=").append(op);
        for (int i = 0; i + 1 < parameters.length; i += 2) {
            path.append('&').append(parameters[i]).append('=')
                    .append(URLEncoder.encode(parameters[i + 1], StandardCharsets.UTF_8));
        }
        return browser.get(instance.uri(path.toString()));
    }
}
