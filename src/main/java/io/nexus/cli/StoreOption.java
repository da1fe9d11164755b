package io.nexus.cli;

import io.nexus.store.StoreLocation;
import picocli.CommandLine.Option;

/** The {@code --store} option every command that keeps or reads runs takes. */
final class StoreOption {
    @Option(names = "--store", paramLabel = "JDBC_URL",
            description = "the results store (jdbc:h2:... or jdbc:postgresql:...; default: $NEXUS_STORE, else an H2 file in ~/.local/share/nexus-workbench)")
    String url;

    /** @return the store named, with credentials from the environment, or {@code null} for the workbench's default */
    StoreLocation location() {
        return url == null ? null : new StoreLocation(url, System.getenv(StoreLocation.ENV_USER), System.getenv(StoreLocation.ENV_PASSWORD));
    }
}
