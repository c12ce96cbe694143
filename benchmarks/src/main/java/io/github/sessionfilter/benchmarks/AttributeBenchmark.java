package io.github.sessionfilter.benchmarks;

import io.github.sessionfilter.attribute.AttributeCodec;
import io.github.sessionfilter.attribute.AttributePolicy;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Encoding and decoding one attribute value through the allow-listed Java serialization. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class AttributeBenchmark {

    @Param({"string", "list10", "graph2k"})
    public String value;

    private AttributeCodec codec;
    private Object object;
    private byte[] encoded;

    @Setup
    public void setUp() {
        codec = new AttributeCodec(AttributeBenchmark.class.getClassLoader(),
                AttributePolicy.builder().allow("io.github.sessionfilter.benchmarks.*").build());
        object = switch (value) {
            case "string" -> Values.string();
            case "list10" -> Values.tenItemList();
            case "graph2k" -> Values.objectGraph();
            default -> throw new IllegalArgumentException(value);
        };
        encoded = codec.encode("a", object);
    }

    @Benchmark
    public byte[] encode() {
        return codec.encode("a", object);
    }

    @Benchmark
    public Object decode() {
        return codec.decode("a", encoded);
    }

    /** For the report: how big each value is serialized. */
    public static void main(String[] args) {
        AttributeBenchmark b = new AttributeBenchmark();
        for (String v : new String[] {"string", "list10", "graph2k"}) {
            b.value = v;
            b.setUp();
            System.out.println(v + " " + b.encoded.length + " bytes");
        }
    }
}
