package io.nexus.profile;

import java.util.Locale;

/**
 * Every key of a profile file, with the label, unit and help the editor shows: the one place that documents
 * the TOML keys (the README's table is {@link #markdownTable()}, checked by a test). The sections of the
 * exporters' host description ({@code [container]}, {@code [host]}), {@code os.user} and the API's {@code [api]} are edited in
 * the file only. Immutable.
 */
public enum ProfileKey {
    DESCRIPTION("description", "Description", "", "what the profile is for"),
    ENGINE_MODE("engine.mode", "Engine mode", "", "self-paced (each worker runs its share of the schedule) or queued (a dispatcher feeds each worker's queue)"),
    ENGINE_TIMING("engine.timing", "Timing", "", "auto, per-op, per-run or sampled: auto times ops in runs when a clock read costs over 2 % of an op"),
    THREADS_COUNT("threads.count", "Worker threads", "threads", "0 (left out): one per available processor"),
    THREADS_PINNING("threads.pinning", "Pinning", "", "none, one CPU per worker (cpu), or the CPUs of the worker's NUMA node (node)"),
    THREADS_CPUS("threads.cpus", "CPUs", "CPU list", "the CPUs workers may use: an array in the file ([0, 1]), a list such as 0-3,8 in the editor; empty for all"),
    THREADS_IDLE("threads.idle", "When idle", "", "spin, yield or backoff (spin, then yield, then park): how a waiting thread waits"),
    QUEUE_CAPACITY("queue.capacity", "Queue capacity", "slots", "entries per worker queue (queued mode), a power of two in [2, 2^30]"),
    QUEUE_BATCH("queue.batch", "Batch", "ops", "ops per queue entry (queued mode)"),
    QUEUE_WINDOW("queue.window", "Window", "ops in flight", "per worker; 0 or \"auto\": one client when self-paced, 10 µs of queue wait when queued"),
    MEMORY_BLOCK_BYTES("memory.block_bytes", "Block size", "bytes", "size of a pool block"),
    MEMORY_BLOCKS("memory.blocks_per_worker", "Blocks per worker", "blocks", "pre-allocated off-heap per worker"),
    NUMA_POLICY("numa.policy", "NUMA policy", "", "none, or per-node (workers spread over the nodes, each with node-local memory)"),
    OS_PRESET("os.preset", "System preset", "", "latency or throughput: sysctl, the JVM's collector, C-states"),
    OS_ALLOW_LOWER("os.allow_lower", "Allow lower values", "", "let the exported sysctl lower values the host already has higher"),
    OS_NOFILE("os.nofile", "Open files", "files", "the engine's limit (limits.conf, LimitNOFILE)"),
    OS_CPU_DMA_LATENCY("os.cpu_dma_latency_us", "CPU wake-up bound", "µs", "held on /dev/cpu_dma_latency while measuring (tuned's force_latency); needs root"),
    DATABASE_WORKLOAD("database.workload", "Database workload", "", "web, oltp, dw, mixed or desktop (PGTune's profiles)"),
    DATABASE_STORAGE("database.storage", "Storage", "", "ssd, nvme, hdd or san"),
    DATABASE_MAX_CONNECTIONS("database.max_connections", "max_connections", "connections", "0 (left out): the workload's default"),
    POOLER_MAX_CLIENT_CONN("pooler.max_client_conn", "Pooler clients", "connections", "PgBouncer's max_client_conn"),
    POOLER_POOL_SIZE("pooler.default_pool_size", "Pool size", "connections", "0 (left out): 25, or less if max_connections is smaller"),
    POOLER_RESERVE("pooler.reserve_pool_size", "Reserve pool", "connections", "extra server connections for bursts"),
    API_PORT("api.port", "API port", "port", "where nexus serve listens; 0: any free port"),
    API_BIND("api.bind", "API address", "", "the address to listen on; loopback (127.0.0.1) unless allow_remote"),
    API_ALLOW_REMOTE("api.allow_remote", "Allow remote clients", "", "let api.bind be a non-loopback address (the API has no authentication)"),
    API_BINARY_PER_MINUTE("api.binary_per_minute", "Binary-op limit", "requests/min", "per client address, to each of /compute/xor and /compute/sha256 (the guide's 1000); 0: none"),
    API_HEAVY_PER_MINUTE("api.heavy_per_minute", "Matrix limit", "requests/min", "per client address, to /compute/matrix (the guide's 100); 0: none"),
    API_CACHE_TTL("api.cache_ttl_ms", "Metrics cache", "ms", "how long /metrics serves one value, refreshed in the background (the guide's 5 s)"),
    API_MAX_BODY("api.max_body_bytes", "Largest body", "bytes", "requests past it get 413"),
    API_MAX_MATRIX_ORDER("api.max_matrix_order", "Largest matrix", "n", "largest order a matrix job may ask for"),
    API_MAX_CONNECTIONS("api.max_connections", "Connections", "connections", "open at once; more are closed when accepted"),
    API_QUEUE_CAPACITY("api.queue_capacity", "Request queue", "requests", "per engine worker, a power of two; a full queue answers 503"),
    API_JOB_CAPACITY("api.job_capacity", "Matrix jobs", "jobs", "kept at once (queued, running or done); more get 503"),
    API_JOB_TTL("api.job_ttl_s", "Job lifetime", "s", "how long a finished job's result is kept"),
    API_IO_THREADS("api.io_threads", "I/O threads", "threads", "the server's event loops; 0: one per four CPUs, at least one");

    private final String key;
    private final String label;
    private final String unit;
    private final String help;

    ProfileKey(String key, String label, String unit, String help) {
        this.key = key;
        this.label = label;
        this.unit = unit;
        this.help = help;
    }

    /** @return the TOML key, {@code section.name} (validation errors are keyed by it) */
    public String key() {
        return key;
    }

    /** @return the section, the part of the key before the dot ("Profile" for top-level keys) */
    public String section() {
        int dot = key.indexOf('.');
        return dot < 0 ? "Profile" : key.substring(0, 1).toUpperCase(Locale.ROOT) + key.substring(1, dot);
    }

    /** @return the label with its unit, e.g. {@code Queue capacity (slots)} */
    public String label() {
        return unit.isEmpty() ? label : label + " (" + unit + ")";
    }

    /** @return what the value means, its range and its default */
    public String help() {
        return help;
    }

    /** @return the keys as a Markdown table: key, label (unit), help */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder("| key | field | meaning |\n|---|---|---|\n");
        for (ProfileKey k : values()) {
            table.append("| `").append(k.key).append("` | ").append(k.label()).append(" | ").append(k.help.replace("|", "\\|")).append(" |\n");
        }
        return table.toString();
    }
}
