/**
 * Measurement: per-worker double-buffered HdrHistograms (response time from the intended start, and
 * service time), interval samples merged from histograms, the clock's calibration, timing modes, a
 * hiccup meter and JVM probes. JDK and HdrHistogram only.
 */
package io.nexus.engine.measure;
