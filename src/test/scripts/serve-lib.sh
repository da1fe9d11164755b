# shellcheck shell=bash
# Shared by the measuring scripts (sourced, from the repository root): the JDK, the nexus command, a free loopback port,
# and nexus serve with the guide's rate limits off (a load generator is one client).
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
NEXUS=("$JAVA" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow
       -cp target/nexus.jar io.nexus.Main)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start_serve DIR PORT [TOML LINE...]: nexus serve on PORT with limits off (and the [api] lines given), in the
# background, its log in DIR/serve.log; returns when /health answers
start_serve() {
  local dir=$1 port=$2
  shift 2
  printf '%s\n' 'description = "measurement: the guide'"'"'s rate limits off"' '[api]' "port = $port" \
    'binary_per_minute = 0' 'heavy_per_minute = 0' "$@" > "$dir/bench.toml"
  "${NEXUS[@]}" serve --profile "$dir/bench.toml" > "$dir/serve.log" 2>&1 &
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && return 0; sleep 0.1; done
  echo "nexus serve did not answer on port $port: $(cat "$dir/serve.log")" >&2
  return 1
}

# wrk_stats URL [WRK ARGS...]: wrk -t1 -c${C:-32} -d${SECS}s --latency, printed as "req/s p50_us p99_us non2xx"
wrk_stats() {
  wrk -t1 -c"${C:-32}" -d"${SECS}s" --latency "$@" | python3 -c '
import re,sys
t=sys.stdin.read()
def us(s):
    v,u=re.match(r"([0-9.]+)(us|ms|s)",s).groups(); return float(v)*{"us":1,"ms":1e3,"s":1e6}[u]
rps=float(re.search(r"Requests/sec:\s+([0-9.]+)",t).group(1))
p50=us(re.search(r"^\s*50%\s+(\S+)",t,re.M).group(1)); p99=us(re.search(r"^\s*99%\s+(\S+)",t,re.M).group(1))  # line starts: "72.50%" ends a stats line
bad=re.search(r"Non-2xx or 3xx responses:\s+([0-9]+)",t)
print(f"{rps:.0f} {p50:.1f} {p99:.1f} {bad.group(1) if bad else 0}")'
}
