package io.nexus.engine.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Lays out a directory like /sys and /proc for a machine of N nodes with C CPUs each. */
public final class FakeSysfs {
    private FakeSysfs() {
    }

    /** @return the root; {@code root/sys} and {@code root/proc} hold the fake files */
    public static Path machine(Path root, int nodes, int cpusPerNode) {
        try {
            Path cpu = root.resolve("sys/devices/system/cpu");
            int total = nodes * cpusPerNode;
            write(cpu.resolve("online"), "0-" + (total - 1));
            for (int c = 0; c < total; c++) {
                Path cache = cpu.resolve("cpu" + c + "/cache");
                int node = c / cpusPerNode;
                cacheIndex(cache.resolve("index0"), 1, "Data", "48K", Integer.toString(c));
                cacheIndex(cache.resolve("index1"), 1, "Instruction", "32K", Integer.toString(c));
                cacheIndex(cache.resolve("index2"), 2, "Unified", "2048K", Integer.toString(c));
                cacheIndex(cache.resolve("index3"), 3, "Unified", "32M", CpuList.format(range(node * cpusPerNode, cpusPerNode)));
            }
            for (int n = 0; n < nodes; n++) {
                Path node = root.resolve("sys/devices/system/node/node" + n);
                write(node.resolve("cpulist"), CpuList.format(range(n * cpusPerNode, cpusPerNode)));
                write(node.resolve("meminfo"), "Node " + n + " MemTotal:       16384000 kB\nNode " + n + " MemFree: 1 kB\n");
            }
            write(root.resolve("proc/cpuinfo"), "processor\t: 0\nvendor_id\t: FakeVendor\nmodel name\t: Fake CPU 9000\n");
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Integer> range(int first, int count) {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(first + i);
        }
        return list;
    }

    private static void cacheIndex(Path dir, int level, String type, String size, String shared) throws IOException {
        write(dir.resolve("level"), Integer.toString(level));
        write(dir.resolve("type"), type);
        write(dir.resolve("size"), size);
        write(dir.resolve("shared_cpu_list"), shared);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text + "\n");
    }

    /** @return the topology of a fake machine */
    public static Topology topology(Path root, int nodes, int cpusPerNode) {
        machine(root, nodes, cpusPerNode);
        return new SysfsTopologyReader(root.resolve("sys"), root.resolve("proc")).read();
    }
}
