package io.nexus.jmh;

import io.nexus.engine.queue.BoundedQueues;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;

/**
 * One producer and one consumer handing references over through each candidate queue: why the engine
 * keeps JCTools' array queues. Throughput is counted on the consumer (successful polls).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Group)
public class QueueHandoffBenchmark {
    @Param({"jctools-spsc", "jctools-spsc-atomic", "jctools-mpsc", "ArrayBlockingQueue"})
    public String queue;

    private Queue<Integer> q;
    private static final Integer ITEM = 42;

    @Setup
    public void setUp() {
        q = switch (queue) {
            case "jctools-spsc" -> (Queue<Integer>) BoundedQueues.<Integer>singleProducerSingleConsumer(1 << 16);
            case "jctools-spsc-atomic" -> new org.jctools.queues.atomic.SpscAtomicArrayQueue<>(1 << 16);
            case "jctools-mpsc" -> (Queue<Integer>) BoundedQueues.<Integer>multiProducerSingleConsumer(1 << 16);
            default -> new ArrayBlockingQueue<>(1 << 16);
        };
    }

    @Benchmark
    @Group("handoff")
    @GroupThreads(1)
    public void offer(Control control) {
        while (!q.offer(ITEM) && !control.stopMeasurement) {
            Thread.onSpinWait();
        }
    }

    @Benchmark
    @Group("handoff")
    @GroupThreads(1)
    public Integer poll(Control control) {
        Integer v;
        while ((v = q.poll()) == null && !control.stopMeasurement) {
            Thread.onSpinWait();
        }
        return v;
    }
}
