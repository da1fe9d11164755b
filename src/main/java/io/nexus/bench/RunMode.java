package io.nexus.bench;

/** The kinds of run an operator launches. */
public enum RunMode {
    /** Closed loop for a duration or an op count: the guide's baseline and the points of a sweep. */
    BENCHMARK,
    /** Closed loop on many threads until the duration or each thread's op count runs out, whichever is first. */
    STRESS,
    /** K bursts of T seconds of stress with a pause between them; one merged result. */
    BURST,
    /** Ops issued at a fixed rate, latency measured from each op's intended start. */
    RATE
}
