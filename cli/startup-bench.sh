#!/usr/bin/env bash
# How soon a kafleet command answers: the median wall-clock time of RUNS runs (default 10) of
# `./kafleet version` and of `./kafleet get clusters`, the latter against a placement-service this
# script starts on free ports (with its broker and registry: cli's test helper StartupPlacement).
# Usage: cli/startup-bench.sh [RUNS]. Needs nothing but bash, date and the JDK.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-10}"
cd "$root"

# One run first: builds the CLI and records its class-data-sharing archive when needed.
./kafleet version >/dev/null

echo "startup-bench: building the test classpath for placement-service (./mvnw -pl cli -am test-compile)" >&2
./mvnw -q -B -ntp -pl cli -am test-compile -DskipTests >&2
./mvnw -q -B -ntp -pl cli -am dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$root/cli/target/test.classpath" >&2

# Milliseconds each run took, then the median.
median_ms() {
  local times=() start end
  for _ in $(seq 1 "$runs"); do
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR] = $1} END {
    m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
    printf "median %d ms (min %d, max %d, %d runs)\n", m, a[1], a[NR], NR }'
}

coproc placement {
  exec java -cp "$root/cli/target/test-classes:$root/cli/target/classes:$(cat "$root/cli/target/test.classpath")" \
    io.kafleet.cli.StartupPlacement 2>"$root/cli/target/startup-placement.log"
}
# Closing its standard input stops it (and its broker).
stop_placement() {
  local pid="$placement_PID"
  eval "exec ${placement[1]}>&-"
  wait "$pid" 2>/dev/null || true
}
trap stop_placement EXIT
env_line=""
while read -r line <&"${placement[0]}"; do
  if [[ "$line" == KAFLEET_SERVER=* ]]; then
    env_line="$line"
    break
  fi
done
if [[ -z "$env_line" ]]; then
  echo "startup-bench: placement-service did not start; see cli/target/startup-placement.log" >&2
  exit 1
fi
export ${env_line?}
# The first call waits for placement-service to serve (it leads the fleet a moment after start).
until ./kafleet get clusters >/dev/null 2>&1; do sleep 1; done

echo "kafleet version:      $(median_ms ./kafleet version)"
echo "kafleet get clusters: $(median_ms ./kafleet get clusters)"
