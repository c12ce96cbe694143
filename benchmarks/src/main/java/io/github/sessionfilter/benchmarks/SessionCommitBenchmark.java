package io.github.sessionfilter.benchmarks;

import io.github.sessionfilter.attribute.AttributeCodec;
import io.github.sessionfilter.attribute.AttributePolicy;
import io.github.sessionfilter.attribute.AttributeSealer;
import io.github.sessionfilter.attribute.JavaAttributeTranscoder;
import io.github.sessionfilter.core.AttributeTranscoder;
import io.github.sessionfilter.core.SessionChanges;
import io.github.sessionfilter.core.SessionRecord;
import io.github.sessionfilter.core.SessionState;
import io.github.sessionfilter.core.SessionStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The session work of one request on a 10-attribute session, without Redis (the store only counts
 * what it is asked to write): load, read every attribute, commit (change detection, nothing changed);
 * the same with one attribute set; and a request that sets one attribute without reading the others.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SessionCommitBenchmark {

    private static final String ID = "Qm9uam91ciBsZSBtb25kZSEhIQ";

    private AttributeTranscoder transcoder;
    private SessionRecord record;
    private final CountingStore store = new CountingStore();
    private long now;
    /** Loaded, every attribute read: what change detection at commit starts from. */
    private SessionState allRead;

    @Setup
    public void setUp() {
        transcoder = new JavaAttributeTranscoder(new AttributeCodec(SessionCommitBenchmark.class.getClassLoader(),
                AttributePolicy.builder().allow("io.github.sessionfilter.benchmarks.*").build()), AttributeSealer.none());
        Map<String, byte[]> stored = new HashMap<>();
        Values.tenAttributes().forEach((name, value) -> stored.put(name, transcoder.encode(name, value)));
        now = System.currentTimeMillis();
        record = new SessionRecord(ID, now - 60_000, now - 1_000, 1800, now + 3_600_000, stored);
        allRead = SessionState.loaded(record, now, transcoder);
        for (String name : allRead.attributeNames()) {
            allRead.attribute(name);
        }
    }

    /**
     * Change detection alone: the commit of a session whose ten attributes were all read and none
     * changed (each value that could have been mutated in place is encoded and compared; nothing is written).
     */
    @Benchmark
    public boolean changeDetection() {
        return allRead.saveTo(store, now);
    }

    /** Decode all ten, then commit: every value is encoded again and compared; nothing is written. */
    @Benchmark
    public boolean readAllThenCommitUnchanged(Blackhole hole) {
        SessionState state = SessionState.loaded(record, now, transcoder);
        for (String name : state.attributeNames()) {
            hole.consume(state.attribute(name));
        }
        return state.saveTo(store, now);
    }

    /** Read all ten, set one of them to a new list, commit (one write). */
    @Benchmark
    public boolean readAllSetOneThenCommit(Blackhole hole) {
        SessionState state = SessionState.loaded(record, now, transcoder);
        for (String name : state.attributeNames()) {
            hole.consume(state.attribute(name));
        }
        state.setAttribute("flags", List.of("beta"));
        return state.saveTo(store, now);
    }

    /** Set one new attribute without reading anything, commit (one write). */
    @Benchmark
    public boolean setOneThenCommit() {
        SessionState state = SessionState.loaded(record, now, transcoder);
        state.setAttribute("lastSearch", "blue shoes");
        return state.saveTo(store, now);
    }

    /** Saves nothing; counts, so the JIT cannot drop the commit. */
    static final class CountingStore implements SessionStore {
        long saves;

        @Override
        public Optional<SessionRecord> load(String id, long nowMillis) {
            return Optional.empty();
        }

        @Override
        public boolean touch(String id, long nowMillis) {
            return true;
        }

        @Override
        public boolean save(SessionChanges changes) {
            saves += changes.writes().size();
            return true;
        }

        // no @Override: older builds (a --baseline) have no endNow
        public boolean endNow(String id, long nowMillis) {
            return true;
        }

        @Override
        public void delete(String id) {
        }

        @Override
        public boolean changeId(String oldId, SessionChanges created) {
            return true;
        }

        @Override
        public String endpoint() {
            return "nowhere";
        }

        @Override
        public void close() {
        }
    }
}
