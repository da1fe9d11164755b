package io.nexus.profile;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Reads and writes tuning profiles as TOML files ({@code profiles/NAME.toml}):
 * <pre>
 * description = "..."
 * [engine]
 * mode = "self-paced"  # self-paced | queued
 * timing = "auto"      # auto | per-op | per-run | sampled
 * [threads]
 * count = 2            # leave out for one worker per CPU
 * pinning = "none"     # none | cpu | node
 * cpus = [0, 1]        # leave out for every online CPU
 * idle = "backoff"     # spin | yield | backoff
 * [queue]
 * capacity = 1048576   # power of two
 * batch = 64
 * window = "auto"     # or ops in flight per worker
 * [memory]
 * block_bytes = 65536
 * blocks_per_worker = 16
 * [numa]
 * policy = "none"      # none | per-node
 * </pre>
 * Every key is optional and falls back to {@link TuningProfile#defaults()}. Unknown keys, wrong types and
 * bad values are all reported together, each with its dotted field name. Writes go to a temporary file
 * in the same directory which then replaces the target atomically, so a crash never leaves half a file.
 * Stateless and thread-safe.
 */
public final class ProfileFiles {
    /** The extension of profile files. */
    public static final String EXTENSION = ".toml";
    private static final TomlMapper TOML = new TomlMapper();

    private ProfileFiles() {
    }

    /**
     * Reads and validates a profile.
     *
     * @param file a {@code .toml} file; its name without extension becomes the profile's name
     * @param host the host to validate CPU ids against, or {@code null} to skip that check
     * @throws ProfileException naming every bad field, or saying why the file cannot be read
     */
    public static TuningProfile read(Path file, HostFacts host) throws ProfileException {
        JsonNode root;
        try {
            root = TOML.readTree(utf8(file, Files.readAllBytes(file)));
        } catch (JacksonException e) {
            throw new ProfileException(file, List.of(new FieldError("(file)", "not valid TOML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()))));
        } catch (IOException e) {
            String why = switch (e) {
                case NoSuchFileException _ -> "no such file";
                case java.nio.file.AccessDeniedException _ -> "permission denied";
                default -> e.getMessage();
            };
            throw new ProfileException(file, List.of(new FieldError("(file)", "cannot read: " + why)));
        }
        String name = file.getFileName().toString();
        name = name.endsWith(EXTENSION) ? name.substring(0, name.length() - EXTENSION.length()) : name;
        TuningProfile profile = parse(name, root == null ? TOML.createObjectNode() : root, file);
        List<FieldError> errors = ProfileValidator.validate(profile, host);
        if (!errors.isEmpty()) {
            throw new ProfileException(file, errors);
        }
        return profile;
    }

    /** @return the file's text; a byte that is not UTF-8 is named with its line (TOML files are UTF-8) */
    private static String utf8(Path file, byte[] bytes) throws ProfileException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new ProfileException(file, List.of(new FieldError("(file)", String.format(Locale.ROOT,
                    "line %d: byte 0x%02x is not UTF-8 text: TOML files are UTF-8, save the profile as UTF-8", line, bytes[at] & 0xff))));
        }
        return out.flip().toString();
    }

    /**
     * Parses a profile from a TOML text (as the editor holds it), without validating its values.
     *
     * @throws ProfileException on bad syntax, unknown keys or wrong types
     */
    public static TuningProfile parse(String name, String toml) throws ProfileException {
        try {
            JsonNode root = TOML.readTree(toml);
            return parse(name, root == null ? TOML.createObjectNode() : root, null);
        } catch (JacksonException e) {
            throw new ProfileException(null, List.of(new FieldError("(file)", "not valid TOML: " + e.getOriginalMessage())));
        }
    }

    private static TuningProfile parse(String name, JsonNode root, Path file) throws ProfileException {
        TuningProfile d = TuningProfile.defaults();
        TomlSection top = new TomlSection("", root);
        String description = top.text("description", d.description());
        TomlSection threads = top.section("threads");
        TomlSection queue = top.section("queue");
        TomlSection memory = top.section("memory");
        TomlSection numa = top.section("numa");
        TomlSection os = top.section("os");
        TomlSection database = top.section("database");
        TomlSection pooler = top.section("pooler");
        TomlSection container = top.section("container");
        TomlSection hostSection = top.section("host");
        TomlSection engine = top.section("engine");
        TomlSection apiSection = top.section("api");
        top.rejectUnknown("description", "engine", "threads", "queue", "memory", "numa", "os", "database", "pooler", "container", "host", "api");

        TuningProfile.EngineMode mode = engine.choice("mode", TuningProfile.EngineMode.class, d.mode());
        TuningProfile.TimingMode timing = engine.choice("timing", TuningProfile.TimingMode.class, d.timing());
        engine.rejectUnknown("mode", "timing");

        Integer count = threads.integer("count", null);
        TuningProfile.Pinning pinning = threads.choice("pinning", TuningProfile.Pinning.class, d.pinning());
        List<Integer> cpus = threads.integers("cpus");
        TuningProfile.IdleMode idle = threads.choice("idle", TuningProfile.IdleMode.class, d.idle());
        threads.rejectUnknown("count", "pinning", "cpus", "idle");

        int capacity = queue.integer("capacity", d.queueCapacity());
        int batch = queue.integer("batch", d.batch());
        int window = queue.holds("window", "auto") ? TuningProfile.AUTO_WINDOW : queue.integer("window", d.window());
        queue.rejectUnknown("capacity", "batch", "window");

        long blockBytes = memory.longInteger("block_bytes", d.blockBytes());
        int blocks = memory.integer("blocks_per_worker", d.blocksPerWorker());
        memory.rejectUnknown("block_bytes", "blocks_per_worker");

        TuningProfile.NumaPolicy policy = numa.choice("policy", TuningProfile.NumaPolicy.class, d.numa());
        numa.rejectUnknown("policy");

        SystemSettings sd = SystemSettings.defaults();
        SystemSettings.Preset preset = os.choice("preset", SystemSettings.Preset.class, sd.preset());
        boolean allowLower = os.bool("allow_lower", sd.allowLower());
        long nofile = os.longInteger("nofile", sd.nofile());
        String user = os.text("user", sd.user());
        Integer cpuDmaLatency = os.integer("cpu_dma_latency_us", null);
        os.rejectUnknown("preset", "allow_lower", "nofile", "user", "cpu_dma_latency_us");
        SystemSettings.DbWorkload dbWorkload = database.choice("workload", SystemSettings.DbWorkload.class, sd.dbWorkload());
        SystemSettings.Storage storage = database.choice("storage", SystemSettings.Storage.class, sd.storage());
        Integer maxConnections = database.integer("max_connections", null);
        database.rejectUnknown("workload", "storage", "max_connections");
        int maxClients = pooler.integer("max_client_conn", sd.maxClientConn());
        Integer poolSize = pooler.integer("default_pool_size", null);
        int reserve = pooler.integer("reserve_pool_size", sd.reservePool());
        pooler.rejectUnknown("max_client_conn", "default_pool_size", "reserve_pool_size");
        Long containerMemory = container.optionalLong("memory_bytes");
        Double containerCpus = container.decimal("cpus");
        container.rejectUnknown("memory_bytes", "cpus");
        Long hostRam = hostSection.optionalLong("ram_bytes");
        Integer hostCores = hostSection.integer("cores", null);
        hostSection.rejectUnknown("ram_bytes", "cores");
        SystemSettings system = new SystemSettings(preset, allowLower, nofile, user, dbWorkload, storage, optional(maxConnections), maxClients,
                optional(poolSize), reserve, containerMemory == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(containerMemory),
                containerCpus == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(containerCpus),
                hostRam == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(hostRam), optional(hostCores), optional(cpuDmaLatency));

        ApiSettings api = api(apiSection);

        List<FieldError> errors = new ArrayList<>();
        for (TomlSection s : List.of(top, engine, threads, queue, memory, numa, os, database, pooler, container, hostSection, apiSection)) {
            errors.addAll(s.errors());
        }
        if (!errors.isEmpty()) {
            throw new ProfileException(file, errors);
        }
        return new TuningProfile(name, description, count == null ? OptionalInt.empty() : OptionalInt.of(count), pinning,
                cpus, idle, capacity, batch, window, blockBytes, blocks, policy, mode, timing, system, api);
    }

    private static ApiSettings api(TomlSection s) {
        ApiSettings d = ApiSettings.defaults();
        ApiSettings api = new ApiSettings(s.integer("port", d.port()), s.text("bind", d.bind()), s.bool("allow_remote", d.allowRemote()),
                s.integer("binary_per_minute", d.binaryPerMinute()), s.integer("heavy_per_minute", d.heavyPerMinute()),
                s.integer("cache_ttl_ms", d.cacheTtlMillis()), s.integer("max_body_bytes", d.maxBodyBytes()),
                s.integer("max_matrix_order", d.maxMatrixOrder()), s.integer("max_connections", d.maxConnections()),
                s.integer("queue_capacity", d.queueCapacity()), s.integer("job_capacity", d.jobCapacity()),
                s.integer("job_ttl_s", d.jobTtlSeconds()), s.integer("io_threads", d.ioThreads()));
        s.rejectUnknown("port", "bind", "allow_remote", "binary_per_minute", "heavy_per_minute", "cache_ttl_ms", "max_body_bytes",
                "max_matrix_order", "max_connections", "queue_capacity", "job_capacity", "job_ttl_s", "io_threads");
        return api;
    }

    private static OptionalInt optional(Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    /**
     * Validates {@code profile} and writes it to {@code file} atomically.
     *
     * @throws ProfileException if the profile is invalid (nothing is written) or the file cannot be written
     */
    public static void write(TuningProfile profile, Path file) throws ProfileException {
        List<FieldError> errors = ProfileValidator.validate(profile, null);
        if (!errors.isEmpty()) {
            throw new ProfileException(file, errors);
        }
        try {
            AtomicFiles.writeString(file, textFor(profile, file));
        } catch (IOException e) {
            throw new ProfileException(file, List.of(new FieldError("(file)", "cannot write: " + e)));
        }
    }

    /**
     * @return the text {@link #write} would write to {@code file}: an existing valid profile file keeps its comments, layout
     *     and left-out defaults, only the values that changed rewritten; anything else is written whole
     * @throws IOException if {@code file} exists but cannot be read
     */
    public static String textFor(TuningProfile profile, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return toToml(profile);
        }
        TuningProfile before;
        try {
            before = read(file, null);
        } catch (ProfileException unreadable) {
            return toToml(profile);
        }
        return TomlEdits.apply(Files.readString(file), toTree(before), toTree(profile));
    }

    /**
     * @param profile a profile
     * @param values  keys to set, each to its value as a TOML file writes it but unquoted ({@code 4}, {@code spin},
     *                {@code true})
     * @return {@code profile} with those values, not validated (see {@link ProfileValidator})
     * @throws ProfileException naming the key whose value has the wrong type
     */
    public static TuningProfile withValues(TuningProfile profile, java.util.Map<ProfileKey, String> values) throws ProfileException {
        ObjectNode root = toTree(profile);
        values.forEach((key, value) -> {
            ObjectNode section = key.key().contains(".") ? root.withObject("/" + key.key().substring(0, key.key().indexOf('.'))) : root;
            String name = key.key().substring(key.key().indexOf('.') + 1);
            if (value.matches("-?[0-9]+")) {
                section.put(name, Long.parseLong(value));
            } else if (value.equals("true") || value.equals("false")) {
                section.put(name, Boolean.parseBoolean(value));
            } else {
                section.put(name, value);
            }
        });
        return parse(profile.name(), root, null);
    }

    /** @return the profile as TOML text, in the layout {@link #read} expects */
    public static String toToml(TuningProfile profile) {
        try {
            return TOML.writeValueAsString(toTree(profile));
        } catch (JacksonException e) {
            throw new IllegalStateException("a profile always has a TOML form", e);
        }
    }

    /** @return the profile as a tree of sections and values, as {@link #read} expects them */
    static ObjectNode toTree(TuningProfile profile) {
        ObjectNode root = TOML.createObjectNode();
        root.put("description", profile.description());
        ObjectNode engine = root.putObject("engine");
        engine.put("mode", lower(profile.mode()));
        engine.put("timing", lower(profile.timing()));
        ObjectNode threads = root.putObject("threads");
        profile.threads().ifPresent(c -> threads.put("count", c));
        threads.put("pinning", lower(profile.pinning()));
        if (!profile.cpus().isEmpty()) {
            ArrayNode cpus = threads.putArray("cpus");
            profile.cpus().forEach(cpus::add);
        }
        threads.put("idle", lower(profile.idle()));
        ObjectNode queue = root.putObject("queue");
        queue.put("capacity", profile.queueCapacity());
        queue.put("batch", profile.batch());
        if (profile.window() == TuningProfile.AUTO_WINDOW) {
            queue.put("window", "auto");
        } else {
            queue.put("window", profile.window());
        }
        ObjectNode memory = root.putObject("memory");
        memory.put("block_bytes", profile.blockBytes());
        memory.put("blocks_per_worker", profile.blocksPerWorker());
        root.putObject("numa").put("policy", lower(profile.numa()));
        SystemSettings sys = profile.system();
        ObjectNode os = root.putObject("os");
        os.put("preset", lower(sys.preset()));
        os.put("allow_lower", sys.allowLower());
        os.put("nofile", sys.nofile());
        os.put("user", sys.user());
        sys.cpuDmaLatencyUs().ifPresent(us -> os.put("cpu_dma_latency_us", us));
        ObjectNode database = root.putObject("database");
        database.put("workload", lower(sys.dbWorkload()));
        database.put("storage", lower(sys.storage()));
        sys.maxConnections().ifPresent(c -> database.put("max_connections", c));
        ObjectNode pooler = root.putObject("pooler");
        pooler.put("max_client_conn", sys.maxClientConn());
        sys.poolSize().ifPresent(p -> pooler.put("default_pool_size", p));
        pooler.put("reserve_pool_size", sys.reservePool());
        if (sys.containerMemoryBytes().isPresent() || sys.containerCpus().isPresent()) {
            ObjectNode container = root.putObject("container");
            sys.containerMemoryBytes().ifPresent(m -> container.put("memory_bytes", m));
            sys.containerCpus().ifPresent(c -> container.put("cpus", c));
        }
        if (sys.hostRamBytes().isPresent() || sys.hostCores().isPresent()) {
            ObjectNode host = root.putObject("host");
            sys.hostRamBytes().ifPresent(r -> host.put("ram_bytes", r));
            sys.hostCores().ifPresent(c -> host.put("cores", c));
        }
        ApiSettings a = profile.api();
        ObjectNode api = root.putObject("api");
        api.put("port", a.port());
        api.put("bind", a.bind());
        api.put("allow_remote", a.allowRemote());
        api.put("binary_per_minute", a.binaryPerMinute());
        api.put("heavy_per_minute", a.heavyPerMinute());
        api.put("cache_ttl_ms", a.cacheTtlMillis());
        api.put("max_body_bytes", a.maxBodyBytes());
        api.put("max_matrix_order", a.maxMatrixOrder());
        api.put("max_connections", a.maxConnections());
        api.put("queue_capacity", a.queueCapacity());
        api.put("job_capacity", a.jobCapacity());
        api.put("job_ttl_s", a.jobTtlSeconds());
        api.put("io_threads", a.ioThreads());
        return root;
    }

    /**
     * @return the {@code .toml} files directly in {@code dir}, sorted by name; empty if it does not exist
     * @throws IOException if the directory cannot be listed
     */
    public static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(EXTENSION) && Files.isRegularFile(p))
                    .sorted().toList();
        }
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
