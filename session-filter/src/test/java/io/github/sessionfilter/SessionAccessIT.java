package io.github.sessionfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.testing.Browser;
import io.github.sessionfilter.testing.ScenarioServlet;
import io.github.sessionfilter.testing.TestRedis;
import io.github.sessionfilter.testing.TwoInstances;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which requests count as an access ({@code session.access}): two instances with the default
 * ({@code get-session}) and two with {@code every-request}, sharing one Redis, idle timeout 2 s.
 * {@code /none} carries the session cookie but never calls {@code getSession()}, like a static file.
 */
class SessionAccessIT {
    private static final Pattern TIMES = Pattern.compile("created=(\\d+);last=(\\d+)");
    private static TwoInstances onGetSession;
    private static TwoInstances everyRequest;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> settings = TwoInstances.settings(TestRedis.get());
        settings.put("session.timeout", "2s");
        onGetSession = TwoInstances.start(TestRedis.get(), settings, () -> new RedisSessionFilter(Map.of()), ScenarioServlet::new);
        Map<String, String> touching = TwoInstances.settings(TestRedis.get());
        touching.put("session.timeout", "2s");
        touching.put("session.access", "every-request");
        everyRequest = TwoInstances.start(TestRedis.get(), touching, () -> new RedisSessionFilter(Map.of()), ScenarioServlet::new);
    }

    @AfterAll
    static void stop() throws Exception {
        onGetSession.close();
        everyRequest.close();
    }

    @Test
    void everyRequest_requestThatNeverAsksForItsSession_isAnAccess() throws Exception {
        Browser browser = new Browser();
        browser.body(everyRequest.a.uri("/set?name=x&value=1"));
        Thread.sleep(300);
        long beforeTouch = System.currentTimeMillis();
        assertEquals("ok", browser.body(everyRequest.b.uri("/none")));
        long[] times = times(browser.body(everyRequest.a.uri("/info")));
        assertTrue(times[1] >= beforeTouch, "last access is the request that never called getSession(): " + times[1]
                + " vs " + beforeTouch);
    }

    @Test
    void getSession_requestThatNeverAsksForItsSession_isNotAnAccess() throws Exception {
        Browser browser = new Browser();
        browser.body(onGetSession.a.uri("/set?name=x&value=1"));
        Thread.sleep(300);
        assertEquals("ok", browser.body(onGetSession.b.uri("/none")));
        long[] times = times(browser.body(onGetSession.a.uri("/info")));
        assertEquals(times[0], times[1], "the last access stays at the creating request");
    }

    @Test
    void everyRequest_sessionUsedOnlyByRequestsThatNeverAskForIt_outlivesTheIdleTimeout() throws Exception {
        Browser browser = new Browser();
        browser.body(everyRequest.a.uri("/set?name=x&value=kept"));
        for (int i = 0; i < 5; i++) { // 3.5 s of requests, each within the 2 s idle timeout of the previous one
            Thread.sleep(700);
            assertEquals("ok", browser.body(everyRequest.alternate(i, "/none")));
        }
        assertEquals("kept", browser.body(everyRequest.b.uri("/get?name=x")));
    }

    @Test
    void getSession_sessionUsedOnlyByRequestsThatNeverAskForIt_endsAtTheIdleTimeout() throws Exception {
        Browser browser = new Browser();
        browser.body(onGetSession.a.uri("/set?name=x&value=kept"));
        for (int i = 0; i < 5; i++) {
            Thread.sleep(700);
            assertEquals("ok", browser.body(onGetSession.alternate(i, "/none")));
        }
        assertEquals("no-session", browser.body(onGetSession.b.uri("/get?name=x")), "documented: such requests do not count");
    }

    @Test
    void everyRequest_lastAccessNeverGoesBackInTime() throws Exception {
        Browser browser = new Browser();
        browser.body(everyRequest.a.uri("/set?name=x&value=1"));
        long previous = 0;
        for (int i = 0; i < 6; i++) {
            browser.body(everyRequest.alternate(i, i % 3 == 0 ? "/none" : "/get?name=x"));
            long last = times(browser.body(everyRequest.alternate(i + 1, "/info")))[1];
            assertTrue(last >= previous, "last access went back from " + previous + " to " + last);
            previous = last;
        }
    }

    private static long[] times(String info) {
        Matcher m = TIMES.matcher(info);
        assertTrue(m.find(), info);
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }
}
