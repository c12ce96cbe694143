package io.github.sessionfilter.metrics;

import io.github.sessionfilter.redis.RedisCallListener;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The filter's metrics as OpenTelemetry instruments, all named {@code session_filter.*}. Loaded only when
 * the OpenTelemetry API is on the class path ({@link SessionFilterMetrics}): this is the only class that
 * names it. Counters are asynchronous, read from {@link SessionCounters} when the SDK collects; the
 * histograms (durations, commit sizes) are recorded as events happen. Every point carries
 * {@code session_filter.context} (the context path); the other attributes come from small fixed sets
 * (operation names, outcomes, {@code error.type}). No id, user or attribute name is ever an attribute.
 */
final class OpenTelemetryExporter implements SessionMetrics, AutoCloseable {
    static final String SCOPE = "io.github.sessionfilter";
    static final String PREFIX = "session_filter.";
    static final AttributeKey<String> CONTEXT = AttributeKey.stringKey("session_filter.context");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("session_filter.redis.operation");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("session_filter.outcome");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    /** Seconds: from half a millisecond (a Redis round trip in one zone) to the longest lock wait worth telling apart. */
    private static final List<Double> SECONDS = List.of(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
            1.0, 2.5, 5.0, 10.0);
    private static final List<Long> BYTES = List.of(0L, 256L, 1024L, 4096L, 16_384L, 65_536L, 262_144L, 1_048_576L,
            4_194_304L);

    private final Attributes context;
    private final DoubleHistogram redisDuration;
    private final DoubleHistogram lockWait;
    private final LongHistogram commitSize;
    private final List<ObservableLongCounter> counters = new ArrayList<>();
    /** One attribute set per operation and outcome, made once (the operations are a fixed set). */
    private final Map<String, Attributes> callAttributes = new ConcurrentHashMap<>();
    private final Attributes acquired;
    private final Attributes timedOut;

    OpenTelemetryExporter(String contextPath, SessionCounters c) {
        Meter meter = globalOpenTelemetry().getMeter(SCOPE);
        context = Attributes.of(CONTEXT, contextPath == null || contextPath.isEmpty() ? "/" : contextPath);
        acquired = context.toBuilder().put(OUTCOME, "acquired").build();
        timedOut = context.toBuilder().put(OUTCOME, "timed_out").build();
        redisDuration = meter.histogramBuilder(PREFIX + "redis.call.duration").setUnit("s")
                .setDescription("Duration of the filter's Redis commands and scripts, by operation; failed ones carry error.type")
                .setExplicitBucketBoundariesAdvice(SECONDS).build();
        lockWait = meter.histogramBuilder(PREFIX + "lock.wait.duration").setUnit("s")
                .setDescription("How long requests waited for a session lock (session.lock), by outcome")
                .setExplicitBucketBoundariesAdvice(SECONDS).build();
        commitSize = meter.histogramBuilder(PREFIX + "session.commit.size").ofLongs().setUnit("By")
                .setDescription("Attribute bytes written by one commit")
                .setExplicitBucketBoundariesAdvice(BYTES).build();
        counter(meter, "sessions.created", "{session}", "New sessions written to Redis", c.created::sum);
        counter(meter, "sessions.invalidated", "{session}", "Sessions invalidated by the app", c.invalidated::sum);
        counter(meter, "sessions.expired", "{session}", "Timed-out sessions announced to the app's listeners",
                c.expired::sum);
        counter(meter, "sessions.id_changes", "{change}", "Session id changes (changeSessionId, rotation at login)",
                c.idChanges::sum);
        counter(meter, "session.commits", "{commit}", "Commits that wrote to Redis", c.commits::sum);
        counter(meter, "tokens.rejected", "{token}", "Session cookies whose token was refused", c.rejectedTokens);
        counter(meter, "requests.unavailable", "{request}", "Requests answered 503 because Redis did not answer",
                c.unavailable::sum);
        counters.add(meter.counterBuilder(PREFIX + "session.loads").setUnit("{session}")
                .setDescription("Requested sessions looked up in Redis, by outcome: found or not_found (ended)")
                .buildWithCallback(m -> {
                    m.record(c.loadedFound.sum(), context.toBuilder().put(OUTCOME, "found").build());
                    m.record(c.loadedNotFound.sum(), context.toBuilder().put(OUTCOME, "not_found").build());
                }));
        counters.add(meter.counterBuilder(PREFIX + "redis.failures").setUnit("{call}")
                .setDescription("Redis calls that failed, by error.type: timeout, connection or other")
                .buildWithCallback(m -> {
                    m.record(c.redisTimeouts.sum(), context.toBuilder().put(ERROR_TYPE, RedisCallListener.TIMEOUT).build());
                    m.record(c.redisConnectionFailures.sum(),
                            context.toBuilder().put(ERROR_TYPE, RedisCallListener.CONNECTION).build());
                    m.record(c.redisOtherFailures.sum(), context.toBuilder().put(ERROR_TYPE, RedisCallListener.OTHER).build());
                }));
    }

    /**
     * The OpenTelemetry the app or the agent installed. {@code getOrNoop()} (recent APIs; 1.62 has it), unlike {@code get()},
     * does not install a no-op for good when nothing is set yet, which would make the app's own later
     * {@code GlobalOpenTelemetry.set} fail; an older API only has {@code get()}.
     */
    static OpenTelemetry globalOpenTelemetry() {
        try {
            return GlobalOpenTelemetry.getOrNoop();
        } catch (NoSuchMethodError olderApi) {
            return GlobalOpenTelemetry.get();
        }
    }

    private void counter(Meter meter, String name, String unit, String description, LongSupplier value) {
        counters.add(meter.counterBuilder(PREFIX + name).setUnit(unit).setDescription(description)
                .buildWithCallback(m -> m.record(value.getAsLong(), context)));
    }

    @Override
    public void sessionCommitted(long bytesWritten) {
        commitSize.record(bytesWritten, context);
    }

    @Override
    public void redisCall(String operation, long nanos, String failure) {
        redisDuration.record(nanos / 1e9, callAttributes.computeIfAbsent(failure == null ? operation : operation + "\n" + failure,
                key -> {
                    var builder = context.toBuilder().put(OPERATION, operation.replace(' ', '_').toLowerCase(Locale.ROOT));
                    return failure == null ? builder.build() : builder.put(ERROR_TYPE, failure).build();
                }));
    }

    @Override
    public void lockWaited(long nanos, boolean wasAcquired) {
        lockWait.record(nanos / 1e9, wasAcquired ? acquired : timedOut);
    }

    /** Removes the asynchronous counters' callbacks, which hold this web app's classes. */
    @Override
    public void close() {
        for (ObservableLongCounter counter : counters) {
            counter.close();
        }
        counters.clear();
    }
}
