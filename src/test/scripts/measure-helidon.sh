#!/usr/bin/env bash
# Why the API runs on Netty: its two hot paths on Netty 4.2 (nexus serve: event loops, compute handed to the engine's
# workers) and on Helidon SE 4.5 (HelidonMetrics.java: a virtual thread per request, the kernel called directly), under
# wrk -t1 -c32 --latency, alternated ROUNDS times after a warm-up of each:
#   GET /metrics (1,252 cached bytes) and POST /compute/xor (64 B).
# Needs: target/nexus.jar (./mvnw package -DskipTests), wrk (apt-get install wrk), network for Helidon's jars once.
# Usage: src/test/scripts/measure-helidon.sh [ROUNDS] [SECONDS]
set -euo pipefail
ROUNDS=${1:-3}
SECS=${2:-10}
cd "$(dirname "$0")/../../.."
# shellcheck source=src/test/scripts/serve-lib.sh
source src/test/scripts/serve-lib.sh
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
./mvnw -q -f src/test/scripts/helidon/pom.xml dependency:build-classpath -Dmdep.outputFile="$WORK/helidon.cp"

NETTY=$(free_port)
start_serve "$WORK" "$NETTY"
curl -s "http://127.0.0.1:$NETTY/metrics" > "$WORK/body"
HELIDON=$(free_port)
"$JAVA" -cp "$(cat "$WORK/helidon.cp"):target/nexus.jar" src/test/scripts/helidon/HelidonMetrics.java "$HELIDON" "$WORK/body" > "$WORK/helidon.log" 2>&1 &
for _ in $(seq 300); do curl -sf "http://127.0.0.1:$HELIDON/metrics" >/dev/null && break; sleep 0.1; done
cat > "$WORK/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = string.rep("x", 64)
wrk.headers["Content-Type"] = "application/octet-stream"
LUA
run() { # name [wrk args] url: "name req/s p50_us p99_us non2xx"
  echo "$1 $(wrk_stats "${@:2}")"
}
echo "machine: $(nproc) CPUs; $ROUNDS rounds of ${SECS} s after 5 s of warm-up each"
for port in "$NETTY" "$HELIDON"; do
  wrk -t1 -c32 -d5s "http://127.0.0.1:$port/metrics" >/dev/null
  wrk -t1 -c32 -d5s -s "$WORK/post.lua" "http://127.0.0.1:$port/compute/xor" >/dev/null
done
for i in $(seq "$ROUNDS"); do
  echo "round $i GET /metrics";       run netty "http://127.0.0.1:$NETTY/metrics";   run helidon "http://127.0.0.1:$HELIDON/metrics"
  echo "round $i POST /compute/xor";  run netty -s "$WORK/post.lua" "http://127.0.0.1:$NETTY/compute/xor"
                                      run helidon -s "$WORK/post.lua" "http://127.0.0.1:$HELIDON/compute/xor"
done
