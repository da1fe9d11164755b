package io.nexus.api;

import io.nexus.engine.RequestPool;
import io.nexus.profile.ApiSettings;

/**
 * What every connection's {@link ApiHandler} shares: the settings, the engine's request pool, the metrics cache, the
 * matrix jobs and the rate limits. Immutable; each part is thread-safe.
 */
record ApiContext(ApiSettings settings, RequestPool pool, MetricsCache metrics, MatrixJobs jobs, RateLimits limits) {
}
