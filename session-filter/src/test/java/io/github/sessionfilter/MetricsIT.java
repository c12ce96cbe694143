package io.github.sessionfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.localredis.LocalRedis;
import io.github.sessionfilter.testing.AppServer;
import io.github.sessionfilter.testing.Browser;
import io.github.sessionfilter.testing.ScenarioServlet;
import io.github.sessionfilter.testing.TwoInstances;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The metrics after a scripted visit on embedded Jetty with a real Redis: the OpenTelemetry instruments
 * (read with the SDK's in-memory reader, installed as the global OpenTelemetry as an agent would) and the
 * JMX MBean show every event of the visit, and the MBean is gone when the app stops.
 */
class MetricsIT {
    private static final AttributeKey<String> CONTEXT = AttributeKey.stringKey("session_filter.context");
    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("session_filter.outcome");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("session_filter.redis.operation");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    private InMemoryMetricReader reader;
    private OpenTelemetrySdk sdk;

    @BeforeEach
    void installOpenTelemetry() {
        GlobalOpenTelemetry.resetForTest();
        reader = InMemoryMetricReader.create();
        sdk = OpenTelemetrySdk.builder().setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build())
                .buildAndRegisterGlobal();
    }

    @AfterEach
    void removeOpenTelemetry() {
        sdk.close();
        GlobalOpenTelemetry.resetForTest();
    }

    @Test
    void scriptedVisit_everyEventIsCounted_inOpenTelemetryAndJmx_andTheMBeanGoesWithTheApp() throws Exception {
        ObjectName mbean = new ObjectName("io.github.sessionfilter:type=SessionFilter,context=\"/app\"");
        try (LocalRedis redis = LocalRedis.startProcess()) {
            AppServer app = AppServer.start(new RedisSessionFilter(Map.of()), TwoInstances.settings(redis), new ScenarioServlet());
            try {
                Browser visitor = new Browser();
                visitor.body(app.uri("/set?name=color&value=blue"));     // created, commit
                visitor.body(app.uri("/get?name=color"));                // loaded
                visitor.body(app.uri("/add?item=tea"));                  // loaded, commit
                visitor.body(app.uri("/login?value=alice"));             // loaded, id changed, commit
                String token = visitor.cookie("SESSION");
                visitor.body(app.uri("/invalidate"));                    // loaded, invalidated
                Browser replay = new Browser();
                assertEquals("no-session", replay.get(app.uri("/get?name=color"), "Cookie", "SESSION=" + token).body());
                assertEquals("no-session", replay.get(app.uri("/get?name=color"), "Cookie", "SESSION=forged").body());

                Map<String, MetricData> metrics = collect();
                assertEquals(1, sum(metrics, "session_filter.sessions.created"));
                assertEquals(1, sum(metrics, "session_filter.sessions.invalidated"));
                assertEquals(1, sum(metrics, "session_filter.sessions.id_changes"));
                assertEquals(0, sum(metrics, "session_filter.sessions.expired"));
                assertEquals(1, sum(metrics, "session_filter.tokens.rejected"));
                assertEquals(0, sum(metrics, "session_filter.requests.unavailable"));
                assertEquals(4, point(metrics, "session_filter.session.loads", "found").getValue());
                assertEquals(1, point(metrics, "session_filter.session.loads", "not_found").getValue());
                long commits = sum(metrics, "session_filter.session.commits");
                assertTrue(commits >= 3, "commits: " + commits);
                HistogramPointData sizes = histogram(metrics, "session_filter.session.commit.size", Attributes.empty());
                assertEquals(commits, sizes.getCount());
                assertTrue(sizes.getSum() > 0, "attribute bytes were written");
                assertEquals("By", metrics.get("session_filter.session.commit.size").getUnit());
                HistogramPointData loads = histogram(metrics, "session_filter.redis.call.duration",
                        Attributes.of(OPERATION, "load"));
                assertEquals(5, loads.getCount());
                assertTrue(loads.getSum() > 0 && loads.getSum() < 5 * 1.0, "load durations in seconds: " + loads.getSum());
                assertEquals("s", metrics.get("session_filter.redis.call.duration").getUnit());
                Set<String> operations = metrics.get("session_filter.redis.call.duration").getHistogramData().getPoints()
                        .stream().map(p -> p.getAttributes().get(OPERATION)).collect(Collectors.toSet());
                assertTrue(operations.containsAll(Set.of("load", "save", "delete", "change_id")), operations.toString());
                for (MetricData metric : metrics.values()) {
                    assertTrue(metric.getName().startsWith("session_filter."), metric.getName());
                    metric.getData().getPoints().forEach(p -> {
                        assertEquals("/app", p.getAttributes().get(CONTEXT), metric.getName());
                        p.getAttributes().forEach((key, value) -> assertFalse(String.valueOf(value).contains(token.substring(0, 20))));
                    });
                }

                assertEquals(1L, JMX.getAttribute(mbean, "SessionsCreated"));
                assertEquals(4L, JMX.getAttribute(mbean, "SessionsLoaded"));
                assertEquals(1L, JMX.getAttribute(mbean, "SessionsNotFound"));
                assertEquals(1L, JMX.getAttribute(mbean, "SessionsInvalidated"));
                assertEquals(1L, JMX.getAttribute(mbean, "SessionIdChanges"));
                assertEquals(1L, JMX.getAttribute(mbean, "TokensRejected"));
                assertEquals(commits, JMX.getAttribute(mbean, "SessionCommits"));
                assertEquals("/app", JMX.getAttribute(mbean, "ContextPath"));

                redis.process().stop();
                HttpResponse<String> down = visitor.get(app.uri("/set?name=color&value=red"));
                assertEquals(503, down.statusCode());
                metrics = collect();
                assertEquals(1, sum(metrics, "session_filter.requests.unavailable"));
                assertTrue(point(metrics, "session_filter.redis.failures", "connection").getValue() >= 1);
                assertEquals(1L, JMX.getAttribute(mbean, "UnavailableResponses"));
                assertTrue((Long) JMX.getAttribute(mbean, "RedisConnectionFailures") >= 1);
            } finally {
                app.close();
            }
            assertFalse(JMX.isRegistered(mbean), "the MBean is unregistered when the app stops");
            assertTrue(JMX.queryNames(new ObjectName("io.github.sessionfilter:*"), null).isEmpty());
        }
    }

    @Test
    void redeployedApp_getsTheSameMBeanName_andLeavesNothingBehind() throws Exception {
        ObjectName mbean = new ObjectName("io.github.sessionfilter:type=SessionFilter,context=\"/app\"");
        try (LocalRedis redis = LocalRedis.startProcess()) {
            for (int deploy = 0; deploy < 3; deploy++) {
                AppServer app = AppServer.start(new RedisSessionFilter(Map.of()), TwoInstances.settings(redis),
                        new ScenarioServlet());
                new Browser().body(app.uri("/set?name=n&value=1"));
                assertEquals(1L, JMX.getAttribute(mbean, "SessionsCreated"), "counts start again with each deploy");
                app.close();
                assertTrue(JMX.queryNames(new ObjectName("io.github.sessionfilter:*"), null).isEmpty());
            }
        }
    }

    private Map<String, MetricData> collect() {
        Collection<MetricData> all = reader.collectAllMetrics();
        return all.stream().collect(Collectors.toMap(MetricData::getName, m -> m));
    }

    private static long sum(Map<String, MetricData> metrics, String name) {
        MetricData metric = metrics.get(name);
        assertTrue(metric != null, name + " missing from " + metrics.keySet());
        assertTrue(metric.getLongSumData().isMonotonic(), name + " is a counter");
        return metric.getLongSumData().getPoints().stream().mapToLong(LongPointData::getValue).sum();
    }

    private static LongPointData point(Map<String, MetricData> metrics, String name, String outcome) {
        MetricData metric = metrics.get(name);
        assertTrue(metric != null, name + " missing from " + metrics.keySet());
        return metric.getLongSumData().getPoints().stream()
                .filter(p -> outcome.equals(p.getAttributes().get(OUTCOME)) || outcome.equals(p.getAttributes().get(ERROR_TYPE)))
                .findFirst().orElseThrow(() -> new AssertionError(name + " has no point " + outcome));
    }

    /** The histogram's point whose attributes include {@code having} (and no error.type). */
    private static HistogramPointData histogram(Map<String, MetricData> metrics, String name, Attributes having) {
        MetricData metric = metrics.get(name);
        assertTrue(metric != null, name + " missing from " + metrics.keySet());
        return metric.getHistogramData().getPoints().stream()
                .filter(p -> p.getAttributes().get(ERROR_TYPE) == null)
                .filter(p -> having.asMap().entrySet().stream()
                        .allMatch(e -> e.getValue().equals(p.getAttributes().asMap().get(e.getKey()))))
                .findFirst().orElseThrow(() -> new AssertionError(name + " has no point with " + having));
    }
}
