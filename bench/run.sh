#!/usr/bin/env bash
# Runs the kafleet benchmark:
#   ./bench/run.sh [--quick] [--backend memory|kube] [--kube-clusters N] [--fleet-works N]
# Builds what it needs first when the sources are newer than the build (as ./kafleet does), then
# starts a broker, the registry, both services and the agents, builds the fleet, measures, and
# writes bench/results/ (bench/README.md says what each figure means).
# JAVA_OPTS is passed to the harness's JVM (e.g. a JFR recording).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version=0.1.0-SNAPSHOT
jar="$root/bench/target/kafleet-bench-$version.jar"
classpath="$root/bench/target/bench.classpath"

stale() {
  [[ ! -f "$jar" || ! -f "$classpath" ]] && return 0
  [[ -n "$(find "$root/pom.xml" "$root"/*/src "$root"/*/pom.xml -newer "$jar" -not -path '*/target/*' -type f -print -quit)" ]]
}

if stale; then
  echo "bench: building (./mvnw -q -DskipTests -pl bench -am package)" >&2
  (cd "$root" && ./mvnw -q -B -DskipTests -pl bench -am package >&2)
  touch "$jar"
fi

# The kube backend and the backend comparison need the Kubernetes binaries (built once, minutes).
args=" $* "
if [[ "$args" == *" --backend kube "* || ( "$args" != *" --kube-clusters 0 "* && "$args" != *" --smoke "* ) ]]; then
  k8s="$(sed -n 's:.*<kubernetes.version>\(.*\)</kubernetes.version>.*:\1:p' "$root/pom.xml")"
  bash "$root/scripts/kube-binaries.sh" "$k8s" >&2
fi

# The CLI start-up figure times ./kafleet itself: let it build its jar now (when its sources are
# newer), not inside the run.
if [[ " $* " != *" --smoke "* ]]; then
  "$root/kafleet" version >/dev/null
fi

cd "$root"
exec java ${JAVA_OPTS:-} -cp "$root/bench/target/classes:$(cat "$classpath")" io.kafleet.bench.Bench "$@"
