package io.github.sessionfilter.demo;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A minimal browser for one host: one cookie jar for every port (browsers do not separate cookies by
 * port, which is what lets one session move between instances on localhost), no automatic redirects.
 */
final class Browser {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Map<String, String> cookies = new LinkedHashMap<>();

    record Page(int status, String body, String location, int retryAfterSeconds) {
        String csrfToken() {
            Matcher m = CSRF.matcher(body);
            if (!m.find()) {
                throw new AssertionError("no CSRF field on the page:\n" + body);
            }
            return m.group(1);
        }
    }

    /**
     * A GET; on a 503 with {@code Retry-After} (the filter's answer when Redis is slow) it waits and asks
     * once more, as a person pressing reload would. POSTs are never repeated.
     */
    Page get(String url) throws IOException, InterruptedException {
        Page page = send(HttpRequest.newBuilder(URI.create(url)).GET());
        if (page.status() == 503 && page.retryAfterSeconds() > 0) {
            System.out.println("    (503 from " + url + ", retrying once: " + page.body().strip() + ")");
            Thread.sleep(page.retryAfterSeconds() * 1_000L);
            page = send(HttpRequest.newBuilder(URI.create(url)).GET());
        }
        return page;
    }

    Page post(String url, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Map<String, String> cookies() {
        return Map.copyOf(cookies);
    }

    void replaceCookies(Map<String, String> jar) {
        cookies.clear();
        cookies.putAll(jar);
    }

    private Page send(HttpRequest.Builder request) throws IOException, InterruptedException {
        request.timeout(Duration.ofSeconds(30));
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String header : response.headers().allValues("Set-Cookie")) {
            remember(header);
        }
        int retryAfter;
        try {
            retryAfter = Integer.parseInt(response.headers().firstValue("Retry-After").orElse("0").strip());
        } catch (NumberFormatException e) {
            retryAfter = 0;
        }
        return new Page(response.statusCode(), response.body(), response.headers().firstValue("Location").orElse(null),
                Math.min(retryAfter, 10));
    }

    private void remember(String setCookie) {
        String[] parts = setCookie.split(";");
        int eq = parts[0].indexOf('=');
        String name = parts[0].substring(0, eq).strip();
        String value = parts[0].substring(eq + 1).strip();
        boolean expired = false;
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].strip().toLowerCase();
            if (attribute.equals("max-age=0") || attribute.startsWith("expires=thu, 01 jan 1970")) {
                expired = true;
            }
        }
        if (expired || value.isEmpty()) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
    }
}
