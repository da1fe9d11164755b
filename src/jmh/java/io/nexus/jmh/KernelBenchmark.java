package io.nexus.jmh;

import io.nexus.engine.measure.IntervalRecorder;
import io.nexus.engine.memory.FixedBlockPool;
import io.nexus.engine.workload.Kernel;
import io.nexus.engine.workload.MatrixMultiply;
import io.nexus.engine.workload.ScalarMatrixMultiply;
import io.nexus.engine.workload.Workload;
import io.nexus.engine.workload.Workloads;
import io.nexus.engine.workload.XorWorkload;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Each workload's kernel alone, one op per call, on one thread: the figure the engine's per-op overhead
 * is compared against. Also the xor word loop (the kernel without the Vector API) and the cost of each
 * timing mode per xor op: two clock reads and two histogram records around every op, or two clock reads
 * around a run of {@link #RUN} ops that share them.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow", "-Xmx2g"})
public class KernelBenchmark {
    /** Ops in one timed run for {@link #timedPerRun}. */
    static final int RUN = 64;

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

    /** Three 64-byte buffers for the xor kernels, and one worker's recorder. */
    @State(Scope.Thread)
    public static class Xor {
        final Arena arena = Arena.ofConfined();
        final MemorySegment a = arena.allocate(64);
        final MemorySegment b = arena.allocate(64);
        final MemorySegment dst = arena.allocate(64);
        final IntervalRecorder recorder = new IntervalRecorder();
        private FixedBlockPool pool;
        private Kernel kernel;

        @Setup(Level.Trial)
        public void setUp() {
            Workload w = Workloads.byName("xor").orElseThrow();
            pool = new FixedBlockPool(w.blockBytes(64), w.blocksNeeded(64));
            kernel = w.newKernel(64, pool, 1);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            kernel.close();
            pool.close();
            arena.close();
        }
    }

    /** The xor kernel without the Vector API: eight bytes at a time. */
    @Benchmark
    public void xorWordLoop(Xor x) {
        XorWorkload.xor(x.a, x.b, x.dst);
    }

    /** Timing per op: two clock reads and two histogram records around every xor op. */
    @Benchmark
    public void timedPerOp(Xor x) throws Exception {
        long begin = System.nanoTime();
        x.kernel.execute();
        long end = System.nanoTime();
        x.recorder.record(end - begin + 100, end - begin);
    }

    /** Timing per run: {@link #RUN} xor ops share two clock reads; one service record and a response record per op. */
    @Benchmark
    @OperationsPerInvocation(RUN)
    public void timedPerRun(Xor x) throws Exception {
        long begin = System.nanoTime();
        for (int i = 0; i < RUN; i++) {
            x.kernel.execute();
        }
        long end = System.nanoTime();
        long elapsed = end - begin;
        x.recorder.recordService(elapsed / RUN, RUN);
        for (int i = 0; i < RUN; i++) {
            x.recorder.recordResponse(elapsed * (i + 1) / RUN + 100, 1);
        }
    }
}
