package io.nexus.app;

import io.nexus.engine.topology.Topology;
import io.nexus.store.StoreLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A workbench on this machine whose results go to a fresh H2 file in a temporary directory, never the user's store. */
public final class TestWorkbench {
    private TestWorkbench() {
    }

    /** @param profiles the profiles directory */
    public static Workbench create(Path profiles) {
        try {
            Path data = Files.createTempDirectory("nexus-test-data-");
            return new Workbench(Topology.detect(), profiles, StoreLocation.h2File(data), data.resolve("spool"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
