package io.nexus.engine.workload;

/**
 * The descriptive half of a {@link Workload}, fixed at construction: name, description, and the unit,
 * range and default of its size. Subclasses add the kernel. Immutable.
 */
abstract class SizedWorkload implements Workload {
    private final String name;
    private final String description;
    private final String sizeUnit;
    private final int minSize;
    private final int maxSize;
    private final int defaultSize;

    SizedWorkload(String name, String description, String sizeUnit, int minSize, int maxSize, int defaultSize) {
        this.name = name;
        this.description = description;
        this.sizeUnit = sizeUnit;
        this.minSize = minSize;
        this.maxSize = maxSize;
        this.defaultSize = defaultSize;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final String sizeUnit() {
        return sizeUnit;
    }

    @Override
    public final int minSize() {
        return minSize;
    }

    @Override
    public final int maxSize() {
        return maxSize;
    }

    @Override
    public final int defaultSize() {
        return defaultSize;
    }
}
