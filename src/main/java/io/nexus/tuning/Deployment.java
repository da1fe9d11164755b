package io.nexus.tuning;

import io.nexus.profile.FieldError;
import io.nexus.profile.TuningProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * How a bundle's engine and database share one host's RAM: the engine takes its heap (a quarter of the
 * RAM) and bounded non-heap memory, and PostgreSQL is sized with PGTune's formulas for the RAM that is
 * left (not the whole RAM, which would count the engine's memory twice), so the budget of everything
 * committed at the worst moment adds up. Immutable; pure.
 *
 * @param jvmFlags       the engine's JVM flags with the planned heap
 * @param postgres       the PostgreSQL settings (empty without a database)
 * @param postgresRam    the RAM PostgreSQL was sized for
 * @param budget         the host's committed memory, item by item
 * @param containerBytes the engine container's memory limit (when it runs in one)
 */
public record Deployment(List<Setting> jvmFlags, List<Setting> postgres, long postgresRam, MemoryBudget budget, long containerBytes) {
    private static final long MB = 1L << 20;
    /** Memory left to the kernel and other processes: 5 % of RAM, at least this. */
    private static final long OS_RESERVE_MIN = 256 * MB;
    /** PgBouncer's buffers per client connection. */
    private static final long POOLER_BYTES_PER_CLIENT = 8L << 10;
    /** Threads beside the workers (JIT, GC, sampler, store) counted for stacks of 1 MiB. */
    private static final int OTHER_THREADS = 32;
    /** PostgreSQL's default autovacuum_max_workers. */
    private static final int AUTOVACUUM_WORKERS = 3;
    /** Before PostgreSQL 17, VACUUM keeps at most 1 GB of dead tuples whatever maintenance_work_mem says. */
    private static final long VACUUM_CAP_BEFORE_17 = 1L << 30;

    /**
     * The database's side of a bundle.
     *
     * @param workload       PGTune's workload type
     * @param maxConnections max_connections
     * @param version        PostgreSQL's major version
     */
    public record Database(DatabaseWorkload workload, int maxConnections, int version) {
    }

    /**
     * @param database        the database when it runs on this host, else {@code null}
     * @param engine          whether the engine runs on this host (a service or a container)
     * @param poolerClients   PgBouncer's client connections when it runs here, else 0
     * @param containerMemory the container's memory limit when the engine runs in one and the limit is given
     * @throws TuningException naming bad input, or "memory" when the worst moment exceeds the RAM, with its largest items
     */
    public static Deployment plan(TuningProfile profile, Host host, SysctlTuning.Preset preset, Database database, boolean engine,
                                  int poolerClients, boolean container, OptionalLong containerMemory) throws TuningException {
        long ram = host.ramBytes();
        int workers = profile.threads().orElse(host.cores());
        long pools = profile.blockBytes() * profile.blocksPerWorker() * workers;
        long stacks = (workers + OTHER_THREADS) * MB;
        long nonHeap = JvmTuning.NON_HEAP_BYTES + pools + stacks;
        long heap = JvmTuning.defaultHeap(ram, preset);
        if (container && containerMemory.isPresent()) {
            heap = Math.min(heap, containerMemory.getAsLong() * 9 / 10 - nonHeap) / MB * MB;
            if (heap < JvmTuning.MIN_HEAP) {
                throw new TuningException(List.of(new FieldError("container.memory", "leaves the engine a heap of " + MemoryBudget.mib(heap)
                        + " beside its " + MemoryBudget.mib(nonHeap) + " of non-heap memory: give the container at least "
                        + MemoryBudget.mib((JvmTuning.MIN_HEAP + nonHeap) * 10 / 9))));
            }
        }
        long containerBytes = containerMemory.orElse(roundUp((heap + nonHeap) * 11 / 10, 64 * MB));
        List<MemoryBudget.Item> items = new ArrayList<>();
        if (engine && container) {
            items.add(new MemoryBudget.Item("engine container (mem_limit)", containerBytes, "heap " + MemoryBudget.mib(heap) + " + non-heap "
                    + MemoryBudget.mib(nonHeap) + ", and 10 % spare"));
        } else if (engine) {
            items.add(new MemoryBudget.Item("engine JVM heap", heap, "-Xms = -Xmx, pre-touched"));
            items.add(new MemoryBudget.Item("engine metaspace, code cache, direct buffers", JvmTuning.NON_HEAP_BYTES, "bounded by the JVM flags"));
            items.add(new MemoryBudget.Item("engine memory pools and thread stacks", pools + stacks, workers + " workers x "
                    + profile.blocksPerWorker() + " blocks of " + profile.blockBytes() + " B, and a 1 MiB stack per thread"));
        }
        if (poolerClients > 0) {
            items.add(new MemoryBudget.Item("PgBouncer client buffers", poolerClients * POOLER_BYTES_PER_CLIENT, poolerClients + " clients x 8 KiB"));
        }
        items.add(new MemoryBudget.Item("kernel and other processes", Math.max(OS_RESERVE_MIN, ram / 20), "5 % of RAM, at least 256 MiB"));
        long left = (ram - items.stream().mapToLong(MemoryBudget.Item::bytes).sum()) / (64 * MB) * (64 * MB);
        List<Setting> postgres = List.of();
        if (database != null) {
            if (left < 256 * MB) {
                throw overCommitted(new MemoryBudget(ram, items), "leaves PostgreSQL " + MemoryBudget.mib(left));
            }
            postgres = PostgresTuning.settings(new Host(left, host.cores(), host.numaNodes(), host.storage()), database.workload(),
                    database.maxConnections(), database.version());
            items.addAll(postgresItems(postgres, database.version()));
        }
        MemoryBudget budget = new MemoryBudget(ram, items);
        if (budget.committed() > ram) {
            throw overCommitted(budget, "commits " + MemoryBudget.mib(budget.committed()) + " at its worst moment");
        }
        return new Deployment(JvmTuning.flags(heap, preset, container ? host.numaNodes() : ServiceTuning.nodesSpanned(profile, host)), postgres,
                left, budget, containerBytes);
    }

    private static List<MemoryBudget.Item> postgresItems(List<Setting> postgres, int version) {
        long hugePages = PostgresTuning.hugePages(postgres);
        long sharedBuffers = hugePages > 0 ? hugePages * 2 * MB
                : PostgresTuning.bytes(PostgresTuning.value(postgres, "shared_buffers")) + PostgresTuning.bytes(PostgresTuning.value(postgres, "wal_buffers"));
        int connections = Integer.parseInt(PostgresTuning.value(postgres, "max_connections"));
        long workMem = PostgresTuning.bytes(PostgresTuning.value(postgres, "work_mem"));
        long maintenance = PostgresTuning.bytes(PostgresTuning.value(postgres, "maintenance_work_mem"));
        int autovacuum = PostgresTuning.find(postgres, "autovacuum_max_workers").map(Integer::parseInt).orElse(AUTOVACUUM_WORKERS);
        long perAutovacuum = PostgresTuning.find(postgres, "autovacuum_work_mem").map(PostgresTuning::bytes).orElse(maintenance);
        if (version < 17) {
            perAutovacuum = Math.min(perAutovacuum, VACUUM_CAP_BEFORE_17);
        }
        return List.of(new MemoryBudget.Item("PostgreSQL shared memory", sharedBuffers, hugePages > 0
                        ? "vm.nr_hugepages = " + hugePages + " reserved for it" : "shared_buffers + wal_buffers"),
                new MemoryBudget.Item("PostgreSQL work_mem x max_connections", workMem * connections,
                        PostgresTuning.value(postgres, "work_mem") + " x " + connections + ": one sort or hash per connection at once"),
                new MemoryBudget.Item("PostgreSQL VACUUM / index build + autovacuum workers", maintenance + autovacuum * perAutovacuum,
                        "maintenance_work_mem + " + autovacuum + " x " + (perAutovacuum >> 20) + " MiB" + (version < 17 ? " (at most 1 GB each before 17)" : "")));
    }

    private static TuningException overCommitted(MemoryBudget budget, String what) {
        return new TuningException(List.of(new FieldError("memory", "the bundle " + what + " of " + MemoryBudget.mib(budget.ramBytes())
                + " RAM (" + budget.items().stream().map(i -> i.what() + " " + MemoryBudget.mib(i.bytes())).collect(java.util.stream.Collectors.joining(", "))
                + "): lower database.max_connections, run the database on another host, or give this one more RAM")));
    }

    private static long roundUp(long bytes, long unit) {
        return (bytes + unit - 1) / unit * unit;
    }
}
