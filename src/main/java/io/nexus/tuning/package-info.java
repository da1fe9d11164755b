/** Tuning exporters: configuration files generated from a profile and a host, each value with the reason for it. Pure functions. */
package io.nexus.tuning;
