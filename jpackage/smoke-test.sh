#!/usr/bin/env bash
# Smoke-tests the app image built by jpackage/build.sh: the window's launcher starts the GUI on JavaFX's
# headless platform and exits by itself, the `nexus` launcher runs a short benchmark, and the image
# stays under 120 MB. Prints one line per check and "N passed, M failed"; exits non-zero on a failure.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
image=target/installer/nexus-workbench
passed=0
failed=0
check() { # name, then a command that succeeds when the check holds
  local name=$1; shift
  if "$@"; then echo "PASS $name"; passed=$((passed + 1)); else echo "FAIL $name"; failed=$((failed + 1)); fi
}

gui_log=$(mktemp)
JAVA_TOOL_OPTIONS="-Dglass.platform=Headless -Dprism.order=sw" timeout 120 "$image/bin/nexus-workbench" --exit-after=2000 >"$gui_log" 2>&1
gui_exit=$?
check "window launcher exits 0 after start-up (exit $gui_exit)" test "$gui_exit" -eq 0
check "window launcher showed the main window" grep -q "Nexus Workbench window shown, 1280x800" "$gui_log"

json=$(mktemp)
data=$(mktemp -d)
XDG_DATA_HOME=$data timeout 120 "$image/bin/nexus" benchmark --workload xor --threads 1 --duration 1 --warmup 0.2 --json >"$json" 2>/dev/null
cli_exit=$?
check "nexus benchmark exits 0 (exit $cli_exit)" test "$cli_exit" -eq 0
check "nexus benchmark prints a result with throughput" grep -q '"opsPerSecond"' "$json"
check "the packaged runtime enables the Vector API" grep -q '"vectorApi" : true' "$json"
history=$(XDG_DATA_HOME=$data timeout 60 "$image/bin/nexus" history --json 2>/dev/null)
check "the run was kept in the store (nexus history)" grep -q '"workload" : "xor"' <<<"$history"
run_id=$(grep -o '"id" : "[0-9a-f-]*"' "$json" | head -1 | cut -d'"' -f4)
XDG_DATA_HOME=$data timeout 60 "$image/bin/nexus" report "$run_id" --out "$data/report.html" >/dev/null 2>&1
check "nexus report writes a self-contained report with its charts' library" grep -q 'uPlot' "$data/report.html"
config=$(mktemp -d)
XDG_CONFIG_HOME=$config XDG_DATA_HOME=$data timeout 120 "$image/bin/nexus" benchmark --profile latency --duration 0.5 --warmup 0.2 --no-save >/dev/null 2>&1
preset_exit=$?
check "the packaged app runs a preset profile by name (exit $preset_exit)" test "$preset_exit" -eq 0
check "the presets are installed as the user's profiles" test -f "$config/nexus-workbench/profiles/latency.toml"
timeout 60 "$image/bin/nexus" benchmark --threads 0 >/dev/null 2>&1
check "nexus rejects bad input with exit 2" test $? -eq 2

# the exported systemd unit and Dockerfile start the engine this way (ServiceTuning.unit, ContainerTuning.dockerfile)
service_command() { timeout 60 "$image/lib/runtime/bin/java" --add-modules=jdk.incubator.vector -cp "$image/lib/app/*" io.nexus.Main export --help >/dev/null 2>&1; }
check "the exported unit's and container's command line runs the image's runtime and jars" service_command

size_mb=$(du -sm "$image" | cut -f1)
check "app image under 120 MB (${size_mb} MB)" test "$size_mb" -lt 120

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
