/** The machine's CPUs, caches and NUMA nodes (read from a sysfs root tests can fake), and thread pinning through FFM. JDK only. */
package io.nexus.engine.topology;
