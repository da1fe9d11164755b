/** Memory for the engine's hot path: a fixed-block pool pre-allocated and first-touched by its owner, and padded counters. JDK only. */
package io.nexus.engine.memory;
