/** The Workload contract and the engine's workloads: XOR, matrix multiply, SHA-256. */
package io.nexus.engine.workload;
