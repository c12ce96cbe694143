package io.github.sessionfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.testing.BoundValue;
import io.github.sessionfilter.testing.Browser;
import io.github.sessionfilter.testing.RecordingListener;
import io.github.sessionfilter.testing.ScenarioServlet;
import io.github.sessionfilter.testing.TestRedis;
import io.github.sessionfilter.testing.TwoInstances;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Timeouts and listeners, on two instances with short timeouts. */
class SessionLifecycleIT {
    private static TwoInstances app;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> settings = TwoInstances.settings(TestRedis.get());
        settings.put("session.timeout", "2s");
        settings.put("session.absolute-timeout", "5s");
        settings.put("listeners", RecordingListener.class.getName());
        // These tests count the events of requests; ExpiryEventsIT covers the announcement of timeouts.
        settings.put("session.expiry-events", "off");
        app = TwoInstances.start(TestRedis.get(), settings, () -> new RedisSessionFilter(Map.of()), ScenarioServlet::new);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    @BeforeEach
    void clear() {
        RecordingListener.EVENTS.clear();
        BoundValue.EVENTS.clear();
    }

    @Test
    void idleSession_expiresAfterItsTimeout() throws Exception {
        Browser browser = new Browser();
        browser.body(app.a.uri("/set?name=x&value=1"));
        Thread.sleep(1000);
        assertEquals("1", browser.body(app.b.uri("/get?name=x")), "activity within the idle timeout keeps it");
        Thread.sleep(2300);
        assertEquals("no-session", browser.body(app.a.uri("/get?name=x")));
    }

    @Test
    void activeSession_endsAtTheAbsoluteTimeout() throws Exception {
        Browser browser = new Browser();
        browser.body(app.a.uri("/set?name=x&value=1"));
        long started = System.currentTimeMillis();
        List<String> seen = new ArrayList<>();
        int i = 0;
        while (System.currentTimeMillis() - started < 6000) {
            Thread.sleep(800);
            seen.add(browser.body(app.alternate(i++, "/get?name=x")));
        }
        assertEquals("1", seen.get(0));
        assertEquals("no-session", seen.get(seen.size() - 1), "ended despite activity: " + seen);
    }

    @Test
    void applicationListeners_hearLifecycleAttributeAndIdEvents() throws Exception {
        Browser browser = new Browser();
        browser.body(app.a.uri("/set?name=x&value=1"));
        browser.body(app.b.uri("/set?name=x&value=2"));
        browser.body(app.a.uri("/remove?name=x"));
        browser.body(app.b.uri("/login?value=alice"));
        browser.body(app.a.uri("/invalidate"));
        assertEquals(List.of("created", "added x=1", "replaced x=1", "removed x=2", "id changed to new",
                "added user=alice", "destroyed", "removed user=alice"), List.copyOf(RecordingListener.EVENTS));
    }

    @Test
    void valueListeners_hearBindingAndActivation() throws Exception {
        Browser browser = new Browser();
        browser.body(app.a.uri("/bind?name=v&value=one"));
        browser.body(app.b.uri("/get?name=v"));
        browser.body(app.a.uri("/bind?name=v&value=two"));
        browser.body(app.b.uri("/invalidate"));
        List<String> events = List.copyOf(BoundValue.EVENTS);
        assertEquals("bound one", events.get(0));
        assertTrue(events.contains("passivate one"), events.toString());
        assertTrue(events.contains("activate one"), events.toString());
        assertTrue(events.contains("bound two") && events.contains("unbound one"), events.toString());
        assertEquals("unbound two", events.get(events.size() - 1), events.toString());
    }
}
