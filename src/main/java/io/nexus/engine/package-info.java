/**
 * The in-process NexusEngine: worker pool with per-worker lock-free queues drained in batches, a
 * dispatcher that bounds the ops in flight (closed loop) or issues them on a schedule (constant rate),
 * and the run lifecycle. Knows no screen, database or file format. Depends on the JDK, JCTools,
 * HdrHistogram and its own sub-packages only.
 */
package io.nexus.engine;
