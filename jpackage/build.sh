#!/usr/bin/env bash
# Builds the Linux app image and .deb of Nexus Workbench:
#   jpackage/build.sh            -> target/installer/nexus-workbench/ (app image) and target/installer/*.deb
#   jpackage/build.sh app-image  -> the app image only
# The runtime is the running JDK 25 trimmed by jlink to the modules the app uses.
# For other platforms, run there (after the same package and jlink steps) with the argument files here:
#   jpackage @jpackage/common.args @jpackage/app.args @jpackage/rpm.args --input target/jpackage-input --runtime-image target/runtime
#   (msi.args on Windows, dmg.args on macOS, in place of rpm.args; they swap in nexus.ico / nexus.icns)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH="$JAVA_HOME/bin:$PATH"
types=${1:-all}
start=$(date +%s)

./mvnw -B -q package -DskipTests
out=target/installer
input=target/jpackage-input
rm -rf "$out" "$input" target/runtime
mkdir -p "$out" "$input"
cp target/nexus.jar "$input/"
cp -r target/lib "$input/lib"

# What `jdeps --print-module-deps` reports for nexus.jar and its libraries (it cannot be run on all of
# them at once: TilesFX's module descriptor names javafx.media, which the app leaves out), plus the
# English locale data. jlink adds what these require (java.desktop, java.xml, java.logging, ...).
modules=java.base,java.compiler,java.naming,java.net.http,java.scripting,java.security.jgss,java.sql,jdk.incubator.vector,jdk.jfr
modules=$modules,jdk.management,jdk.net,jdk.unsupported,jdk.unsupported.desktop,jdk.xml.dom,jdk.localedata
jlink --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --include-locales=en --compress=zip-9 --output target/runtime

version=$(sed -n 's:.*<version>\([0-9][0-9.]*\)\(-SNAPSHOT\)\?</version>.*:\1:p' pom.xml | head -n 1)
jpackage @jpackage/common.args @jpackage/app.args --type app-image --input "$input" --runtime-image target/runtime \
  --app-version "$version" --dest "$out"
echo "app image: $out/nexus-workbench ($(du -sh "$out/nexus-workbench" | cut -f1))"

if [ "$types" = all ]; then
  jpackage @jpackage/common.args @jpackage/deb.args --app-image "$out/nexus-workbench" --app-version "$version" --dest "$out"
  ls -l "$out"/*.deb
fi
echo "built in $(( $(date +%s) - start )) s"
