package io.nexus.cli;

import io.nexus.store.StoreLocation;

/** Turns a {@code --store} option into a store location; {@code null} means the workbench's default store. */
final class StoreOptions {
    private StoreOptions() {
    }

    /** @return the location the URL names, with credentials from the environment, or {@code null} for the default */
    static StoreLocation location(String url) {
        return url == null ? null : new StoreLocation(url, System.getenv(StoreLocation.ENV_USER), System.getenv(StoreLocation.ENV_PASSWORD));
    }
}
