package io.nexus.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileFilesTest {
    private static final HostFacts TWO_CPUS = new HostFacts(List.of(0, 1), 1);

    @TempDir
    Path dir;

    private ProfileException readBad(String toml) throws IOException {
        Path file = dir.resolve("bad.toml");
        Files.writeString(file, toml);
        return assertThrows(ProfileException.class, () -> ProfileFiles.read(file, TWO_CPUS));
    }

    private static List<String> fields(ProfileException e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void everyShippedProfileIsValid() throws Exception {
        List<Path> shipped = ProfileFiles.list(Path.of("profiles"));
        assertTrue(shipped.size() >= 4, "default, latency, throughput, numa-2node");
        for (Path file : shipped) {
            TuningProfile p = ProfileFiles.read(file, null);
            assertFalse(p.description().isBlank(), file + " says what it is for");
        }
        TuningProfile numa = ProfileFiles.read(Path.of("profiles/numa-2node.toml"), null);
        assertEquals(TuningProfile.NumaPolicy.PER_NODE, numa.numa());
        assertEquals(1 << 20, ProfileFiles.read(Path.of("profiles/default.toml"), null).queueCapacity());
    }

    @Test
    void writeThenReadGivesTheSameProfile() throws Exception {
        TuningProfile p = new TuningProfile("mine", "a test", OptionalInt.of(3), TuningProfile.Pinning.CPU, List.of(0, 1),
                TuningProfile.IdleMode.SPIN, 4096, 32, 128, 4096, 4, TuningProfile.NumaPolicy.PER_NODE,
                TuningProfile.EngineMode.QUEUED, TuningProfile.TimingMode.PER_RUN, io.nexus.profile.SystemSettings.defaults(),
                new ApiSettings(9090, "::1", false, 0, 7, 250, 4096, 64, 100, 256, 8, 60, 2));
        Path file = dir.resolve("mine.toml");
        ProfileFiles.write(p, file);
        assertEquals(p, ProfileFiles.read(file, TWO_CPUS));
        assertEquals(List.of(file), ProfileFiles.list(dir), "no temporary file left behind");
    }

    /** A file written whole has dotted keys (threads.idle = ...): a key added to it must not redefine that table as [threads]. */
    @Test
    void aKeyAddedToAFileOfDottedKeysStaysValidToml() throws Exception {
        Path file = dir.resolve("whole.toml");
        ProfileFiles.write(TuningProfile.defaults().withName("whole"), file);
        TuningProfile counted = ProfileFiles.withValues(ProfileFiles.read(file, null), java.util.Map.of(ProfileKey.THREADS_COUNT, "3",
                ProfileKey.DATABASE_MAX_CONNECTIONS, "50"));
        ProfileFiles.write(counted, file);
        assertEquals(counted, ProfileFiles.read(file, null), "read back, not 'Table redefined'");
        assertTrue(Files.readString(file).contains("threads.count = 3"), Files.readString(file));
    }

    /** Saving an edited profile changes only the edited values: comments, sections, left-out defaults and the file's mode stay. */
    @Test
    void savingChangesOnlyTheEditedValuesAndKeepsCommentsLayoutAndMode() throws Exception {
        Path file = dir.resolve("default.toml");
        Files.copy(Path.of("profiles/default.toml"), file);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        List<String> before = Files.readAllLines(file);
        TuningProfile p = ProfileFiles.read(file, null);

        ProfileFiles.write(p, file);
        assertEquals(before, Files.readAllLines(file), "saving unchanged changes nothing");

        TuningProfile edited = new TuningProfile(p.name(), p.description(), OptionalInt.of(4), p.pinning(), p.cpus(), p.idle(), p.queueCapacity(),
                p.batch(), 8, p.blockBytes(), p.blocksPerWorker(), p.numa(), p.mode(), p.timing(), p.system(), p.api());
        ProfileFiles.write(edited, file);
        List<String> after = Files.readAllLines(file);
        List<String> changed = after.stream().filter(l -> !before.contains(l)).toList();
        assertEquals(List.of("count = 4", "window = 8"), changed.stream().map(l -> l.replaceAll("\\s*#.*", "").strip()).toList(), String.join("\n", after));
        assertTrue(changed.get(1).startsWith("window = 8          # self-paced"), "the window line keeps its comment, aligned: " + changed.get(1));
        assertEquals(before.size() + 1, after.size(), "one line added (count), none lost");
        assertTrue(after.indexOf("count = 4") > after.indexOf("[threads]") && after.indexOf("count = 4") < after.indexOf("[queue]"), "added in its section");
        assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), "mode kept");
        assertEquals(edited, ProfileFiles.read(file, null), "and it reads back as saved");

        TuningProfile cleared = new TuningProfile(p.name(), p.description(), OptionalInt.empty(), p.pinning(), p.cpus(), p.idle(), p.queueCapacity(),
                p.batch(), TuningProfile.AUTO_WINDOW, p.blockBytes(), p.blocksPerWorker(), p.numa(), p.mode(), p.timing(), p.system(), p.api());
        ProfileFiles.write(cleared, file);
        assertEquals(before, Files.readAllLines(file), "back to the original text");
    }

    @Test
    void theApiSectionIsCheckedKeyByKeyAndStaysOnLoopbackUnlessAllowed() throws Exception {
        ProfileException e = readBad("[api]\nport = 70000\nbind = \"0.0.0.0\"\nqueue_capacity = 1000\ncache_ttl_ms = 5\n");
        assertEquals(List.of("api.port", "api.bind", "api.cache_ttl_ms", "api.queue_capacity"), fields(e), e.getMessage());
        assertTrue(e.getMessage().contains("allow_remote"), e.getMessage());
        Path open = dir.resolve("open.toml");
        Files.writeString(open, "[api]\nbind = \"0.0.0.0\"\nallow_remote = true\n");
        assertEquals("0.0.0.0", ProfileFiles.read(open, null).api().bind(), "an explicit opt-in listens on every address");
    }

    @Test
    void aBadCapacityIsNamedWithWhyAndTheNearestGoodValues() throws IOException {
        ProfileException e = readBad("[queue]\ncapacity = 1000\n");
        assertEquals(List.of("queue.capacity"), fields(e));
        assertTrue(e.getMessage().contains("power of two") && e.getMessage().contains("512 or 1024"), e.getMessage());
    }

    @Test
    void everyBadFieldIsReportedAtOnce() throws IOException {
        ProfileException e = readBad("""
                [threads]
                count = 0
                cpus = [0, 9]
                pinning = "sideways"
                [queue]
                capacity = 64
                batch = 128
                window = 0
                capcity = 2
                [memory]
                block_bytes = "big"
                """);
        assertEquals(List.of("threads.pinning", "queue.capcity", "memory.block_bytes"), fields(e),
                "syntax-level errors first: unknown keys and wrong types");
        ProfileException semantic = readBad("""
                [threads]
                count = 0
                cpus = [0, 9]
                [queue]
                capacity = 64
                batch = 128
                window = -3
                """);
        assertEquals(List.of("threads.count", "queue.batch", "queue.window", "threads.cpus"), fields(semantic));
        assertTrue(semantic.getMessage().contains("CPU 9 does not exist"), semantic.getMessage());
    }

    @Test
    void brokenTomlAndMissingFilesSayWhere() throws IOException {
        ProfileException e = readBad("[queue\ncapacity = 1\n");
        assertTrue(e.getMessage().contains("not valid TOML"), e.getMessage());
        ProfileException missing = assertThrows(ProfileException.class, () -> ProfileFiles.read(dir.resolve("nope.toml"), null));
        assertTrue(missing.getMessage().contains("no such file"));
        Path latin1 = Files.write(dir.resolve("latin1.toml"), "# profil\ndescription = \"d\u00e9bit\"\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        ProfileException notUtf8 = assertThrows(ProfileException.class, () -> ProfileFiles.read(latin1, null));
        assertTrue(notUtf8.getMessage().contains("line 2: byte 0xe9 is not UTF-8 text"), notUtf8.getMessage());
    }

    @Test
    void anInvalidProfileIsNeverWrittenAndTheOldFileSurvives() throws Exception {
        Path file = dir.resolve("keep.toml");
        ProfileFiles.write(TuningProfile.defaults().withName("keep"), file);
        String before = Files.readString(file);
        TuningProfile bad = new TuningProfile("keep", "", OptionalInt.of(-1), TuningProfile.Pinning.NONE, List.of(),
                TuningProfile.IdleMode.BACKOFF, 1000, 64, 64, 65536, 16, TuningProfile.NumaPolicy.NONE,
                TuningProfile.EngineMode.SELF_PACED, TuningProfile.TimingMode.AUTO, io.nexus.profile.SystemSettings.defaults(),
                ApiSettings.defaults());
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileFiles.write(bad, file));
        assertEquals(List.of("threads.count", "queue.capacity"), fields(e));
        assertEquals(before, Files.readString(file));
    }

    @Test
    void theExportersSectionsAreReadValidatedAndWrittenBack() throws Exception {
        Path file = dir.resolve("db.toml");
        Files.writeString(file, """
                [os]
                preset = "latency"
                nofile = 65536
                [database]
                workload = "oltp"
                max_connections = 300
                [pooler]
                default_pool_size = 40
                [container]
                cpus = 2.5
                [host]
                ram_bytes = 68719476736
                cores = 16
                """);
        TuningProfile p = ProfileFiles.read(file, TWO_CPUS);
        assertEquals(SystemSettings.Preset.LATENCY, p.system().preset());
        assertEquals(SystemSettings.DbWorkload.OLTP, p.system().dbWorkload());
        assertEquals(300, p.system().maxConnections().getAsInt());
        assertEquals(2.5, p.system().containerCpus().getAsDouble());
        assertEquals(16, p.system().hostCores().getAsInt());
        Path copy = dir.resolve("copy.toml");
        ProfileFiles.write(p.withName("copy"), copy);
        assertEquals(p.withName("copy"), ProfileFiles.read(copy, TWO_CPUS));

        ProfileException e = readBad("""
                [os]
                nofile = -1
                [database]
                max_connections = 0
                [pooler]
                max_client_conn = 0
                pool = 5
                [host]
                ram_bytes = -4
                """);
        assertEquals(List.of("pooler.pool"), fields(e), "an unknown key first");
        ProfileException values = readBad("[os]\nnofile = -1\n[database]\nmax_connections = 0\n[pooler]\nmax_client_conn = 0\n[host]\nram_bytes = -4\n");
        assertEquals(List.of("os.nofile", "database.max_connections", "pooler.max_client_conn", "host.ram_bytes"), fields(values));
    }

    @Test
    void missingKeysFallBackToTheGuidesDefaults() throws Exception {
        Path file = dir.resolve("empty.toml");
        Files.writeString(file, "");
        TuningProfile p = ProfileFiles.read(file, TWO_CPUS);
        assertEquals(TuningProfile.defaults().withName("empty"), p);
        assertEquals(2, p.threadCount(2), "one worker per CPU when the count is left out");
    }
}
