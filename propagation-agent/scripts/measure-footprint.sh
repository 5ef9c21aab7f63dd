#!/usr/bin/env bash
# Measures the agent's resident memory with N managed objects (default 1000) against a real
# kube-apiserver, broker and registry, the agent running on the jars its image ships.
# Usage: propagation-agent/scripts/measure-footprint.sh [N ["JVM options" ...]]
# Each further argument is one set of JVM options, measured in turn (default: the deployed ones).
# Builds with the reactor into target/ only: nothing is installed into ~/.m2.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
version="$(./mvnw -q -N help:evaluate -Dexpression=kubernetes.version -DforceStdout)"
bash scripts/kube-binaries.sh "$version"
./mvnw -q -B -ntp -pl propagation-agent -am package -DskipTests \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/footprint.classpath
cd propagation-agent
if [ $# -eq 0 ]; then set -- 1000; fi
exec java -cp "target/test-classes:target/classes:$(cat target/footprint.classpath)" \
  -Dkubernetes.version="$version" io.kafleet.agent.AgentFootprint "$@"
