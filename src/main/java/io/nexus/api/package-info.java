/**
 * The engine's HTTP API ({@code nexus serve}): compute endpoints run through the engine's request pool, the async
 * matrix jobs, cached metrics in Prometheus text and JSON, liveness and readiness, token-bucket rate limits per
 * endpoint and client address, and RFC 9457 problem details for every error. Netty's HTTP/1.1 codec does the
 * protocol; Bucket4j the buckets.
 */
package io.nexus.api;
