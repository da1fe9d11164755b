package io.nexus.jmh;

import io.nexus.engine.measure.WorkerRecorder;
import io.nexus.engine.memory.FixedBlockPool;
import io.nexus.engine.workload.Kernel;
import io.nexus.engine.workload.MatrixMultiply;
import io.nexus.engine.workload.ScalarMatrixMultiply;
import io.nexus.engine.workload.Workload;
import io.nexus.engine.workload.Workloads;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Each workload's kernel alone, one op per call, on one thread: the figure the engine's per-op overhead
 * is compared against. Also the cost of measuring one op (a clock read and two histogram records).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow", "-Xmx2g"})
public class KernelBenchmark {
    /** One workload's kernel, made as a worker makes it. */
    @State(Scope.Thread)
    public static class Kernels {
        @Param({"xor:64", "sha256:64", "matrix:512"})
        public String workload;

        private FixedBlockPool pool;
        private Kernel kernel;

        @Setup(Level.Trial)
        public void setUp() {
            String[] parts = workload.split(":");
            Workload w = Workloads.byName(parts[0]).orElseThrow();
            int size = Integer.parseInt(parts[1]);
            pool = new FixedBlockPool(Math.max(64, w.blockBytes(size)), Math.max(1, w.blocksNeeded(size)));
            kernel = w.newKernel(size, pool, 1);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            kernel.close();
            pool.close();
        }
    }

    @Benchmark
    public void kernel(Kernels k) throws Exception {
        k.kernel.execute();
    }

    /** The scalar matrix kernel used when the Vector API is not enabled, for comparison. */
    @State(Scope.Thread)
    public static class ScalarMatrix {
        final int n = 512;
        final double[] a = new SplittableRandom(1).doubles(n * n).toArray();
        final double[] b = new SplittableRandom(2).doubles(n * n).toArray();
        final double[] c = new double[n * n];
        final MatrixMultiply multiply = new ScalarMatrixMultiply();
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
    @Measurement(iterations = 3, time = 2)
    public double scalarMatrix512(ScalarMatrix s) {
        s.multiply.multiply(s.a, s.b, s.c, s.n);
        return s.c[0];
    }

    /** What the engine adds per op to measure it. */
    @State(Scope.Thread)
    public static class Measuring {
        final WorkerRecorder recorder = new WorkerRecorder();
        long previous = System.nanoTime();
    }

    @Benchmark
    public void measureOneOp(Measuring m) {
        long now = System.nanoTime();
        m.recorder.recordOp(now - m.previous + 100, now - m.previous);
        m.previous = now;
    }
}
