#!/usr/bin/env bash
# kafleet and Karmada (pull mode) side by side on this machine, in one run:
#   ./bench/peer/run.sh --karmada-bin DIR --karmada-source DIR [--quick] [--members N]
# --karmada-bin holds karmada-controller-manager, -scheduler, -webhook, -aggregated-apiserver and
# -agent, built from the Karmada source tree given as --karmada-source (its CRDs and webhook
# configuration are read from there). kafleet is built here as bench/run.sh builds it. Writes
# bench/results/peer-<run>-<time>.{json,md}.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/bench/target/kafleet-bench-0.1.0-SNAPSHOT.jar"
classpath="$root/bench/target/bench.classpath"
if [[ ! -f "$jar" || ! -f "$classpath" || -n "$(find "$root/pom.xml" "$root"/*/src "$root"/*/pom.xml -newer "$jar" -not -path '*/target/*' -type f -print -quit)" ]]; then
  echo "peer: building kafleet (./mvnw -q -DskipTests -pl bench -am package)" >&2
  (cd "$root" && ./mvnw -q -B -DskipTests -pl bench -am package >&2)
  touch "$jar"
fi
for tool in openssl python3 curl; do
  command -v "$tool" >/dev/null || { echo "peer: $tool is needed" >&2; exit 2; }
done
cd "$root"
exec java ${JAVA_OPTS:-} -cp "$root/bench/target/classes:$(cat "$classpath")" io.kafleet.bench.peer.PeerBench "$@"
