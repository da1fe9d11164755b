#!/usr/bin/env bash
# Re-takes the README's screenshots from the real window (JavaFX headless platform, a real 3 s run and
# a 1,2-thread sweep on this machine) and copies them here.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH="$JAVA_HOME/bin:$PATH"
./mvnw -B -q test -Dtest=ScreenshotTourTest -Dsurefire.failIfNoSpecifiedTests=false
cp target/screenshots/*.png assets/screenshots/
ls -l assets/screenshots/*.png
