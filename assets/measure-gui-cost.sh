#!/usr/bin/env bash
# What the open window costs a run (issue 11, item 18): the same run N times from the CLI and N times in the
# real window (JavaFX headless platform, software rendering, live charts), alternating, each in a fresh JVM; in the
# window the run is started twice: the first run in a fresh window also pays for compiling the window's code, the
# second is a run in a window that has been used. The first Start is pressed once the window has settled (the JIT quiet
# for 0.5 s), as an operator reads the form first; START=now presses it as the window is shown.
# Prints each run's ops/s (and the UI thread's CPU share in the window), then the medians and the GUI/CLI ratios. Needs `./mvnw package` (and test-compile).
# The window is on JavaFX's headless platform; PLATFORM=gtk puts it on GTK in an X server (xvfb-run, package xvfb), as on a desktop.
# Usage: [PLATFORM=gtk] [START=now] assets/measure-gui-cost.sh [workload] [runs] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
java="$JAVA_HOME/bin/java"
workload=${1:-sha256}
runs=${2:-5}
seconds=${3:-5}
cp="target/classes:target/test-classes:target/lib/*"
flags=(--add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
display=()
platform=(-Dglass.platform=Headless)
if [ "${PLATFORM:-headless}" = gtk ]; then
  display=(xvfb-run -a -s "-screen 0 1920x1080x24")
  platform=()
fi
data=$(mktemp -d)
cli=()
fresh=()
gui=()
for i in $(seq "$runs"); do
  c=$(XDG_DATA_HOME=$data "$java" "${flags[@]}" -cp "$cp" io.nexus.Main benchmark --workload "$workload" --warmup 1 \
      --duration "$seconds" --interval 250 --no-save --json 2>/dev/null | grep -m1 '"opsPerSecond"' | tr -dc '0-9.')
  window=$(XDG_DATA_HOME=$data "${display[@]}" "$java" "${flags[@]}" "${platform[@]}" -Dprism.order=sw -cp "$cp" \
      io.nexus.ui.GuiCostMain "$workload" 1 "$seconds" 2 ${START:-} 2>/dev/null | grep -E '^[0-9.]+ [0-9.]+$')
  read -r f ffx < <(head -1 <<<"$window")
  read -r g fx < <(tail -1 <<<"$window")
  echo "run $i: cli $c ops/s, gui $f ops/s in a fresh window (UI thread $ffx % of a CPU), $g ops/s in it again ($fx %)"
  cli+=("$c")
  fresh+=("$f")
  gui+=("$g")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
mc=$(median "${cli[@]}")
mf=$(median "${fresh[@]}")
mg=$(median "${gui[@]}")
ratio() { awk -v g="$1" -v c="$2" 'BEGIN {printf "%.3f", g / c}'; }
echo "median cli $mc; gui first run $mf (gui/cli $(ratio "$mf" "$mc")), second run $mg ops/s (gui/cli $(ratio "$mg" "$mc"))"
rm -rf "$data"
