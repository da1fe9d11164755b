#!/usr/bin/env bash
# The full stack against the references a user would pick, in one run on this machine (issue 9's "Speed"):
#   1. nexus serve's cached GET /metrics vs nginx (one worker) serving a static file of the same size, both under
#      wrk -t1 -c32 -d10s --latency, alternated ROUNDS times;
#   2. the http workload (nexus benchmark --workload http --connections 32) vs wrk -t1 -c32 against that nginx file;
#   3. constant rate: wrk with a Lua delay() of 2 ms per connection after each response reaches some rate R (16
#      connections, at most 8000/s; not an open load); wrk2-style.c (a C loop with wrk2's model) and nexus stress
#      --rate R --connections 16 are run at R, all against nginx;
#   4. POST /compute/xor 64 B end to end (nexus benchmark against nexus serve, limits off), with the server's own
#      /metrics (queue wait + service) beside the client's latency.
# Needs: target/nexus.jar (./mvnw package -DskipTests), nginx and wrk (apt-get install nginx wrk), gcc, python3.
# Usage: [WARM_RUNS=30 (warm-up runs of 1 s)] src/test/scripts/measure-full-stack.sh [ROUNDS] [SECONDS]     Ratios are quoted within one run: the machine is shared.
set -euo pipefail
ROUNDS=${1:-3}
SECS=${2:-10}
WARM_RUNS=${WARM_RUNS:-30}
[[ $WARM_RUNS =~ ^[0-9]+$ ]] || { echo "WARM_RUNS must be a whole number of 1 s warm-up runs, not '$WARM_RUNS'" >&2; exit 2; }
cd "$(dirname "$0")/../../.."
# shellcheck source=src/test/scripts/serve-lib.sh
source src/test/scripts/serve-lib.sh
WORK=$(mktemp -d)
chmod 755 "$WORK" # nginx's worker runs as another user: a private directory would answer 403 to every request
trap 'kill $(jobs -p) 2>/dev/null || true; nginx -p "$WORK" -c nginx.conf -s stop 2>/dev/null || true; rm -rf "$WORK"' EXIT

# nexus serve, limits off, metrics cached 2 s
API_PORT=$(free_port)
start_serve "$WORK" "$API_PORT" "cache_ttl_ms = 2000"
curl -s "http://127.0.0.1:$API_PORT/metrics" > "$WORK/metrics.txt"
SIZE=$(stat -c %s "$WORK/metrics.txt")

# nginx: one worker, a static file of the same size
NGINX_PORT=$(free_port)
mkdir -p "$WORK/html" "$WORK/logs"
head -c "$SIZE" /dev/urandom | base64 -w 80 | head -c "$SIZE" > "$WORK/html/metrics"
cat > "$WORK/nginx.conf" <<CONF
worker_processes 1;
daemon on;
pid $WORK/nginx.pid;
error_log $WORK/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/html; location / { default_type text/plain; } }
}
CONF
nginx -p "$WORK" -c nginx.conf
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); body $SIZE bytes; $ROUNDS rounds of ${SECS} s"

cat > "$WORK/nexus_stats.py" <<'PY'
import json, sys
r = json.load(sys.stdin)
l = r["latencyNanos"]["response"]
bad = sum(v for s in r["samples"] for k, v in s.get("outcomes", {}).items() if k != "2xx")
print(f"{r['summary']['opsPerSecond']:.0f} {l['p50'] / 1e3:.1f} {l['p99'] / 1e3:.1f} {bad}")
PY
cat > "$WORK/server_stats.py" <<'PY'
import json, sys
m = json.load(sys.stdin)
print(f"server (last {m['period_seconds']:.1f} s): engine p50 {m['latency_p50_ns'] / 1e3:.1f} us (queue wait + kernel),"
      f" of which kernel + response build p50 {m['service_p50_ns'] / 1e3:.1f} us, p99 {m['latency_p99_ns'] / 1e3:.1f} us,"
      f" {m['throughput_per_second']:.0f}/s, cpu {m['cpu_usage']:.2f}")
PY
nexus_stats() { # nexus args...: prints "req/s p50_us p99_us non2xx"
  "${NEXUS[@]}" "$@" --json --no-save 2>/dev/null | python3 "$WORK/nexus_stats.py"
}

echo "== 1. GET /metrics (cached) vs nginx static file, wrk -t1 -c32 (req/s p50_us p99_us non-2xx)"
echo "   (each server first warmed by $WARM_RUNS runs of wrk -d1s, unmeasured: there nexus's JIT compiles its paths,"
echo "   opening and closing connections as each measured run does, and its young collections copy what it made at"
echo "   start-up until that is 15 collections old and tenured)"
for url in "http://127.0.0.1:$API_PORT/metrics" "http://127.0.0.1:$NGINX_PORT/metrics"; do
  for _ in $(seq "$WARM_RUNS"); do wrk -t1 -c32 -d1s "$url" >/dev/null; done
done
for i in $(seq "$ROUNDS"); do
  echo "round $i nexus: $(wrk_stats "http://127.0.0.1:$API_PORT/metrics")"
  echo "round $i nginx: $(wrk_stats "http://127.0.0.1:$NGINX_PORT/metrics")"
done

echo "== 2. load generator vs wrk against nginx, 32 connections (req/s p50_us p99_us non-2xx)"
for i in $(seq "$ROUNDS"); do
  echo "round $i wrk:   $(wrk_stats "http://127.0.0.1:$NGINX_PORT/metrics")"
  echo "round $i nexus: $(nexus_stats benchmark --workload http --size 0 --url "http://127.0.0.1:$NGINX_PORT/metrics" \
      --connections 32 --duration "$SECS" --warmup 1)"
done

echo "== 3. constant rate over 16 connections against nginx, at the rate wrk paced by a Lua delay() of 2 ms after each"
echo "   response reaches: that wrk (not an open load: it stamps a request when sent), the wrk2-style C loop of"
echo "   wrk2-style.c (latency from each request's due time, as nexus), and nexus stress --rate after 5 s of warm-up (the"
echo "   JIT is still compiling the client's paths a second in) (req/s p50_us p99_us non-2xx; C: req/s p50 p90 p99 p99.9 n non-2xx)"
cat > "$WORK/pace.lua" <<'LUA'
function delay() return 2 end
LUA
gcc -O2 -o "$WORK/wrk2-style" src/test/scripts/wrk2-style.c
for i in $(seq "$ROUNDS"); do
  paced=$(C=16 wrk_stats -s "$WORK/pace.lua" "http://127.0.0.1:$NGINX_PORT/metrics")
  rate=${paced%% *}
  echo "round $i wrk (delay 2 ms/conn): $paced"
  echo "round $i wrk2-style C at $rate: $("$WORK/wrk2-style" 127.0.0.1 "$NGINX_PORT" /metrics "$rate" 16 "$SECS" 5)"
  echo "round $i nexus --rate $rate:  $(nexus_stats stress --workload http --size 0 --url "http://127.0.0.1:$NGINX_PORT/metrics" \
      --connections 16 --rate "$rate" --duration "$SECS" --warmup 5)"
done

echo "== 4. POST /compute/xor 64 B end to end, 32 connections against nexus serve (req/s p50_us p99_us non-2xx)"
for i in $(seq "$ROUNDS"); do
  echo "round $i client: $(nexus_stats benchmark --workload http --size 64 --url "http://127.0.0.1:$API_PORT/compute/xor" \
      --connections 32 --duration "$SECS" --warmup 1)"
  echo "round $i $(curl -s -H 'Accept: application/json' "http://127.0.0.1:$API_PORT/metrics" | python3 "$WORK/server_stats.py")"
done
