/** The self-contained HTML report of stored runs and sweeps (no JavaFX, no network). */
package io.nexus.app.report;
