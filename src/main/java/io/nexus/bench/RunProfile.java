package io.nexus.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a run's time went, read from its JDK Flight Recorder file: methods by self samples (the frame on top) and by
 * total samples (anywhere on the stack, once per sample), the whole call tree as folded stacks, methods by CPU-time
 * samples where the platform has them, the allocation rate and its top sites, GC pauses, and the monitors threads
 * waited over 1 ms to enter, over the run's measured phase. Immutable.
 *
 * @param file        the recording, openable in JDK Mission Control
 * @param samples     execution samples counted (Java code only, every 10 ms per running thread)
 * @param self        methods by self samples, most first
 * @param total       methods by total samples, most first
 * @param stacks      every execution sample's stack, folded (root first, frames {@code package.Type.method} joined by
 *                    {@code ;}, as flamegraph.pl and speedscope read them), with its count
 * @param cpuSamples  CPU-time samples counted (JDK 25's {@code jdk.CPUTimeSample}: every 10 ms of a thread's CPU time,
 *                    native code and system calls included); 0 where the platform has none
 * @param cpuSelf     methods by self CPU-time samples, most first
 * @param seconds     the length of the period read
 * @param allocatedBytes bytes allocated in the period, estimated from the allocation samples' weights
 * @param allocationSites top frames of the allocation samples, by bytes
 * @param gcPauses    collections in the period
 * @param gcPauseTotal their pauses together
 * @param gcPauseMax  the longest pause
 * @param contention  frames where a thread waited over 1 ms to enter a monitor, by count
 */
public record RunProfile(Path file, long samples, List<Share> self, List<Share> total, Map<String, Long> stacks, long cpuSamples,
                         List<Share> cpuSelf, double seconds, long allocatedBytes, List<Share> allocationSites, long gcPauses,
                         Duration gcPauseTotal, Duration gcPauseMax, List<Share> contention) {
    /** Methods (or sites) kept per list. */
    public static final int TOP = 15;
    /** Separates the frames of a folded stack. */
    public static final String FRAME_SEPARATOR = ";";

    public RunProfile {
        stacks = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(stacks));
    }

    /**
     * One method's count and its share of the whole.
     *
     * @param method {@code package.Type.method}
     * @param count  samples (or bytes, or waits)
     * @param share  of all, in [0, 1]
     */
    public record Share(String method, long count, double share) {
    }

    /**
     * Reads {@code file}'s measured phase: from the start its {@link MeasuredPhaseEvent} gives, else from {@code fallback}.
     *
     * @throws IOException if it cannot be read or is not a recording
     */
    public static RunProfile read(Path file, Instant fallback) throws IOException {
        Instant from = fallback;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                if (e.getEventType().getName().equals(MeasuredPhaseEvent.NAME)) {
                    from = e.getInstant("start");
                }
            }
        }
        return readFrom(file, from);
    }

    /**
     * Reads {@code file} from {@code from} on, whatever it says of its measured phase.
     *
     * @throws IOException if it cannot be read or is not a recording
     */
    public static RunProfile readFrom(Path file, Instant from) throws IOException {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> total = new HashMap<>();
        Map<String, Long> stacks = new HashMap<>();
        Map<String, Long> cpuSelf = new HashMap<>();
        long cpuSamples = 0;
        Map<String, Long> allocation = new HashMap<>();
        Map<String, Long> monitors = new HashMap<>();
        long samples = 0;
        long allocated = 0;
        long gcs = 0;
        Duration pauses = Duration.ZERO;
        Duration longest = Duration.ZERO;
        Instant first = null;
        Instant last = from;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                if (e.getStartTime().isBefore(from)) {
                    continue;
                }
                first = first == null || e.getStartTime().isBefore(first) ? e.getStartTime() : first;
                last = e.getEndTime().isAfter(last) ? e.getEndTime() : last;
                switch (e.getEventType().getName()) {
                    case "jdk.ExecutionSample" -> {
                        List<RecordedFrame> frames = frames(e.getStackTrace());
                        if (!frames.isEmpty()) {
                            samples++;
                            self.merge(name(frames.getFirst()), 1L, Long::sum);
                            Set<String> seen = new HashSet<>();
                            frames.forEach(f -> seen.add(name(f)));
                            seen.forEach(m -> total.merge(m, 1L, Long::sum));
                            stacks.merge(folded(frames), 1L, Long::sum);
                        }
                    }
                    case "jdk.CPUTimeSample" -> {
                        List<RecordedFrame> frames = frames(e.getStackTrace());
                        if (!frames.isEmpty()) {
                            cpuSamples++;
                            cpuSelf.merge(name(frames.getFirst()), 1L, Long::sum);
                        }
                    }
                    case "jdk.ObjectAllocationSample" -> {
                        long weight = e.getLong("weight");
                        allocated += weight;
                        List<RecordedFrame> frames = frames(e.getStackTrace());
                        allocation.merge(frames.isEmpty() ? "(no stack)" : name(frames.getFirst()), weight, Long::sum);
                    }
                    case "jdk.GarbageCollection" -> {
                        gcs++;
                        pauses = pauses.plus(e.getDuration("sumOfPauses"));
                        Duration pause = e.getDuration("longestPause");
                        longest = pause.compareTo(longest) > 0 ? pause : longest;
                    }
                    case "jdk.JavaMonitorEnter" -> {
                        List<RecordedFrame> frames = frames(e.getStackTrace());
                        monitors.merge(frames.isEmpty() ? "(no stack)" : name(frames.getFirst()), 1L, Long::sum);
                    }
                    default -> {
                        // other events of the profile settings are kept in the file for JMC, not summarised here
                    }
                }
            }
        }
        double seconds = first == null ? 0 : Math.max(0, Duration.between(first, last).toNanos() / 1e9);
        return new RunProfile(file, samples, top(self, samples), top(total, samples), stacks, cpuSamples, top(cpuSelf, cpuSamples),
                seconds, allocated, top(allocation, allocated),
                gcs, pauses, longest, top(monitors, monitors.values().stream().mapToLong(Long::longValue).sum()));
    }

    private static List<RecordedFrame> frames(RecordedStackTrace stack) {
        return stack == null ? List.of() : stack.getFrames().stream().filter(RecordedFrame::isJavaFrame).toList();
    }

    /** @return the frames (leaf first, as JFR gives them) as one folded stack, root first */
    private static String folded(List<RecordedFrame> frames) {
        StringBuilder folded = new StringBuilder();
        for (int i = frames.size() - 1; i >= 0; i--) {
            folded.append(name(frames.get(i))).append(i > 0 ? FRAME_SEPARATOR : "");
        }
        return folded.toString();
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static List<Share> top(Map<String, Long> counts, long all) {
        List<Share> shares = new ArrayList<>();
        counts.forEach((method, count) -> shares.add(new Share(method, count, all == 0 ? 0 : (double) count / all)));
        shares.sort(Comparator.comparingLong(Share::count).reversed().thenComparing(Share::method));
        return List.copyOf(shares.subList(0, Math.min(TOP, shares.size())));
    }

    /** @return the allocation rate over the period, bytes/s; 0 for an empty period */
    public double allocationBytesPerSecond() {
        return seconds > 0 ? allocatedBytes / seconds : 0;
    }

    /** @return the folded stacks as text, one {@code stack count} line each (flamegraph.pl's input) */
    public String foldedText() {
        StringBuilder text = new StringBuilder();
        stacks.forEach((stack, count) -> text.append(stack).append(' ').append(count).append('\n'));
        return text.toString();
    }

    /** @return one line naming the file and how much it holds */
    public String header() {
        return String.format(Locale.ROOT, "profile: %s (%d execution samples over %.1f s; open it in JDK Mission Control)", file, samples, seconds);
    }

    /** @return the summary as text lines: the top {@code n} methods by self and by total samples, allocation, GC, locks */
    public List<String> lines(int n) {
        List<String> out = new ArrayList<>();
        out.add(header());
        out.add("  by self samples (the method running):");
        self.stream().limit(n).forEach(s -> out.add(String.format(Locale.ROOT, "    %5.1f %%  %s", 100 * s.share(), s.method())));
        out.add("  by total samples (the method or what it called):");
        total.stream().limit(n).forEach(s -> out.add(String.format(Locale.ROOT, "    %5.1f %%  %s", 100 * s.share(), s.method())));
        if (cpuSamples > 0) {
            out.add("  by CPU time (" + cpuSamples + " samples, native code and system calls included):");
            cpuSelf.stream().limit(n).forEach(s -> out.add(String.format(Locale.ROOT, "    %5.1f %%  %s", 100 * s.share(), s.method())));
        }
        out.add(String.format(Locale.ROOT, "allocation: %.1f MB/s%s", allocationBytesPerSecond() / 1e6,
                allocationSites.isEmpty() ? "" : ", most at " + allocationSites.getFirst().method()
                        + String.format(Locale.ROOT, " (%.0f %%)", 100 * allocationSites.getFirst().share())));
        out.add(String.format(Locale.ROOT, "GC: %d pauses, %.1f ms in all, longest %.1f ms", gcPauses, gcPauseTotal.toNanos() / 1e6,
                gcPauseMax.toNanos() / 1e6));
        out.add(contention.isEmpty() ? "locks: no monitor waited on over 1 ms"
                : "locks: " + contention.stream().mapToLong(Share::count).sum() + " waits over 1 ms, most at " + contention.getFirst().method());
        return out;
    }
}
