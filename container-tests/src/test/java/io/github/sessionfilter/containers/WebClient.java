package io.github.sessionfilter.containers;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a screen: the JDK's HTTP client with a cookie jar. Cookies are kept per host and path,
 * never per port (as browsers do), so one jar sent to several containers on 127.0.0.1 is one visitor behind a
 * round-robin load balancer. Redirects are not followed, so tests see them. Every {@code Set-Cookie} is
 * recorded, to prove which cookies the containers set.
 */
final class WebClient {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(cookies)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final List<String> setCookieHeaders = new ArrayList<>();

    /** One response. */
    record Page(URI uri, int status, String body, String location) {
        String csrfToken() {
            Matcher m = CSRF.matcher(body);
            if (!m.find()) {
                throw new AssertionError("no CSRF field on " + uri + ":\n" + body);
            }
            return m.group(1);
        }

        @Override
        public String toString() {
            return status + " from " + uri + (location == null ? "" : " -> " + location) + "\n" + body;
        }
    }

    Page get(URI uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    Page get(String uri) throws IOException, InterruptedException {
        return get(URI.create(uri));
    }

    Page post(String uri, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(uri))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The cookies in the jar now. */
    List<HttpCookie> cookies() {
        return cookies.getCookieStore().getCookies();
    }

    /** Replaces the jar's content (to replay an old cookie after logout). */
    void replaceCookies(URI uri, List<HttpCookie> jar) {
        cookies.getCookieStore().removeAll();
        for (HttpCookie cookie : jar) {
            cookies.getCookieStore().add(uri, (HttpCookie) cookie.clone());
        }
    }

    /** The names of every cookie any server has set so far. */
    List<String> cookieNamesSet() {
        return setCookieHeaders.stream().map(header -> header.substring(0, header.indexOf('=')).strip()).distinct().toList();
    }

    /**
     * Any request (HEAD, a conditional GET, ...) with this jar's cookies; the whole response, body as bytes.
     * Its {@code Set-Cookie} headers are recorded like those of {@link #get}.
     */
    HttpResponse<byte[]> exchange(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        setCookieHeaders.addAll(response.headers().allValues("Set-Cookie"));
        return response;
    }

    /** The value of the cookie {@code name} in the jar, or null. */
    String cookieValue(String name) {
        return cookies().stream().filter(cookie -> cookie.getName().equals(name)).map(HttpCookie::getValue)
                .findFirst().orElse(null);
    }

    private Page send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest built = request.timeout(Duration.ofSeconds(60)).build();
        HttpResponse<String> response = client.send(built, HttpResponse.BodyHandlers.ofString());
        setCookieHeaders.addAll(response.headers().allValues("Set-Cookie"));
        return new Page(built.uri(), response.statusCode(), response.body(),
                response.headers().firstValue("Location").orElse(null));
    }
}
