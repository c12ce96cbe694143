package io.github.sessionfilter.benchmarks;

import io.github.sessionfilter.attribute.AttributeCodec;
import io.github.sessionfilter.attribute.AttributePolicy;
import io.github.sessionfilter.attribute.AttributeSealer;
import io.github.sessionfilter.attribute.JavaAttributeTranscoder;
import io.github.sessionfilter.core.AttributeTranscoder;
import io.github.sessionfilter.core.SessionRecord;
import io.github.sessionfilter.core.SessionState;
import io.github.sessionfilter.redis.RedisCallListener;
import io.github.sessionfilter.redis.RedisConnectionOptions;
import io.github.sessionfilter.redis.RedisSessionStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Load and commit of the 10-attribute session against a real Redis on 127.0.0.1 (the one round trip of
 * a read, and the write of one changed attribute), through the same store the filter uses; one thread, so
 * each figure includes a full round trip over loopback. The Redis to use comes from the environment
 * variable {@code BENCHMARK_REDIS_URI} (benchmarks/run.sh starts one); its keys start with
 * {@code benchmark:}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class RedisStoreBenchmark {

    private RedisSessionStore store;
    private AttributeTranscoder transcoder;
    private String id;
    private long visits;

    @Setup
    public void setUp() {
        String uri = System.getenv("BENCHMARK_REDIS_URI");
        if (uri == null) {
            throw new IllegalStateException("set BENCHMARK_REDIS_URI to a Redis this benchmark may write to");
        }
        store = RedisSessionStore.create(new RedisConnectionOptions(uri, Duration.ofSeconds(2), null,
                RedisConnectionOptions.TlsVerification.FULL), "benchmark:", 1 << 20, null, RedisCallListener.NONE);
        transcoder = new JavaAttributeTranscoder(new AttributeCodec(RedisStoreBenchmark.class.getClassLoader(),
                AttributePolicy.builder().allow("io.github.sessionfilter.benchmarks.*").build()), AttributeSealer.none());
        long now = System.currentTimeMillis();
        id = "benchmark-" + Long.toHexString(System.nanoTime());
        SessionState created = SessionState.create(id, now, 1800, now + 3_600_000, transcoder);
        Values.tenAttributes().forEach(created::setAttribute);
        if (!created.saveTo(store, now)) {
            throw new IllegalStateException("could not create the benchmark session in " + uri);
        }
    }

    @TearDown
    public void tearDown() {
        store.delete(id);
        store.close();
    }

    /** One load (the read path's round trip): the hash, its metadata checked and the access recorded. */
    @Benchmark
    public SessionRecord load() {
        return store.load(id, System.currentTimeMillis()).orElseThrow();
    }

    /** Load, set one attribute, commit: the write path's two round trips. */
    @Benchmark
    public boolean loadSetOneCommit() {
        long now = System.currentTimeMillis();
        SessionState state = SessionState.loaded(store.load(id, now).orElseThrow(), now, transcoder);
        state.setAttribute("visits", ++visits);
        return state.saveTo(store, now);
    }
}
