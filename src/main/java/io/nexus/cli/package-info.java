/** The {@code nexus} command line (picocli): benchmark, sweep, stress; text, CSV and JSON output. */
package io.nexus.cli;
