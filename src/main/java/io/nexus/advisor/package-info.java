/**
 * The advisor: the guide's "Troubleshooting Performance" and "Monitoring" rules evaluated on a measured run, its JFR
 * profile and its scaling model, each finding with its evidence and a concrete change. Pure functions; no I/O.
 */
package io.nexus.advisor;
