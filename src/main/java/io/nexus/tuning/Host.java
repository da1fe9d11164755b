package io.nexus.tuning;

import io.nexus.profile.FieldError;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine a configuration is generated for: detected from the live host, or given to size a
 * configuration for another one. Immutable.
 *
 * @param ramBytes  physical memory, at least 256 MiB
 * @param cores     CPU cores (logical), at least 1
 * @param numaNodes NUMA nodes, at least 1
 * @param storage   the database's storage
 */
public record Host(long ramBytes, int cores, int numaNodes, Storage storage) {
    /** Database storage kinds, which set the planner's cost of random reads and the I/O concurrency. */
    public enum Storage { SSD, HDD, SAN, NVME }

    /** @return every problem with these values, each named by its field */
    public List<FieldError> validate() {
        List<FieldError> errors = new ArrayList<>();
        if (ramBytes < 256L << 20) {
            errors.add(new FieldError("host.ram", "must be at least 256 MiB, got " + ramBytes + " bytes"));
        }
        if (cores < 1 || cores > 4096) {
            errors.add(new FieldError("host.cores", "must be in [1, 4096], got " + cores));
        }
        if (numaNodes < 1 || numaNodes > cores) {
            errors.add(new FieldError("host.numa_nodes", "must be in [1, cores], got " + numaNodes));
        }
        return errors;
    }
}
