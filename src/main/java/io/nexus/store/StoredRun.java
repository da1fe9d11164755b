package io.nexus.store;

import io.nexus.bench.Finding;
import io.nexus.bench.RunProfile;
import io.nexus.bench.RunResult;
import io.nexus.engine.measure.LatencySummary;
import io.nexus.engine.measure.Sample;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * A run as the store keeps it: the figures history lists and compares, the full result as JSON, every
 * sample, and the merged histograms in HdrHistogram's compressed encoding (so percentiles recompute
 * exactly). Immutable; also the form a run waits in while the store is unreachable.
 *
 * @param id                 run id
 * @param startedAt          when the run started
 * @param host               host name it ran on
 * @param workload           workload name
 * @param mode               run mode
 * @param threads            worker threads
 * @param size               workload size
 * @param batch              batch
 * @param window             window
 * @param profile            profile name
 * @param status             how it ended
 * @param failure            why it failed, or {@code null}
 * @param measuredNanos      measured time
 * @param ops                ops measured
 * @param errors             failed ops
 * @param opsPerSecond       throughput
 * @param response           response-time percentiles, ns
 * @param service            service-time percentiles, ns
 * @param resultJson         the whole result as {@link ResultJson} writes it
 * @param samples            the samples
 * @param responseHistogram  compressed response-time histogram
 * @param serviceHistogram   compressed service-time histogram
 * @param runProfile         where the run's time went, if it was profiled; {@code null} if not
 * @param findings           what the advisor found in the run, most severe first
 */
public record StoredRun(String id, Instant startedAt, String host, String workload, String mode, int threads, int size,
                        int batch, int window, String profile, String status, String failure, long measuredNanos, long ops,
                        long errors, double opsPerSecond, LatencySummary response, LatencySummary service, String resultJson,
                        List<Sample> samples, byte[] responseHistogram, byte[] serviceHistogram, RunProfile runProfile,
                        List<Finding> findings) {
    public StoredRun {
        samples = List.copyOf(samples);
        findings = findings == null ? List.of() : List.copyOf(findings); // a run spooled by an older version has none
    }

    /** A run neither profiled nor advised. */
    public StoredRun(String id, Instant startedAt, String host, String workload, String mode, int threads, int size,
                     int batch, int window, String profile, String status, String failure, long measuredNanos, long ops,
                     long errors, double opsPerSecond, LatencySummary response, LatencySummary service, String resultJson,
                     List<Sample> samples, byte[] responseHistogram, byte[] serviceHistogram) {
        this(id, startedAt, host, workload, mode, threads, size, batch, window, profile, status, failure, measuredNanos, ops, errors,
                opsPerSecond, response, service, resultJson, samples, responseHistogram, serviceHistogram, null, List.of());
    }

    /** @return the stored form of {@code r}, neither profiled nor advised */
    public static StoredRun of(RunResult r) {
        return of(r, Optional.empty(), List.of());
    }

    /** @return the stored form of {@code r} with its profile and the advisor's findings */
    public static StoredRun of(RunResult r, Optional<RunProfile> runProfile, List<Finding> findings) {
        var s = r.spec();
        return new StoredRun(r.id(), r.startedAt(), r.environment().host(), s.workload(), s.mode().name(), s.threads(), s.size(),
                s.batch(), s.window(), s.profile().name(), r.status().name(), r.failure().orElse(null), r.measuredNanos(), r.ops(),
                r.errors(), r.opsPerSecond(), r.response(), r.service(), ResultJson.write(ResultJson.toTree(r)), r.samples(),
                compress(r.responseHistogram()), compress(r.serviceHistogram()), runProfile.orElse(null), findings);
    }

    /** @return the run's profile, if it was profiled */
    public Optional<RunProfile> profiled() {
        return Optional.ofNullable(runProfile);
    }

    /** @return the response-time histogram, decoded */
    public Histogram responseHistogramDecoded() {
        return decompress(responseHistogram);
    }

    /** @return the service-time histogram, decoded */
    public Histogram serviceHistogramDecoded() {
        return decompress(serviceHistogram);
    }

    static byte[] compress(Histogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        return java.util.Arrays.copyOf(buffer.array(), length);
    }

    static Histogram decompress(byte[] bytes) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
        } catch (DataFormatException e) {
            throw new IllegalStateException("stored histogram is corrupt: " + e.getMessage(), e);
        }
    }
}
