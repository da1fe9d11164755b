/**
 * Measurement: per-worker HdrHistogram recorders (response time from the intended start, and service
 * time), interval samples merged from histograms, and JVM probes. JDK and HdrHistogram only.
 */
package io.nexus.engine.measure;
