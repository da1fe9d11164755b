/**
 * What an operator runs: benchmark, sweep, stress, burst and constant-rate runs. {@link io.nexus.bench.RunSpec}
 * in, {@link io.nexus.bench.RunResult} out, with the environment captured. Depends on the engine and profiles.
 */
package io.nexus.bench;
