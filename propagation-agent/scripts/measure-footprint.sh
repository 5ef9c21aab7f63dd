#!/usr/bin/env bash
# Measures the agent's resident memory with N managed objects (default 1000) against a real
# kube-apiserver, broker and registry. Usage: propagation-agent/scripts/measure-footprint.sh [N]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
version="$(./mvnw -q -N help:evaluate -Dexpression=kubernetes.version -DforceStdout)"
bash scripts/kube-binaries.sh "$version"
./mvnw -q -B -pl propagation-agent -am install -DskipTests
./mvnw -q -B -pl propagation-agent exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=io.kafleet.agent.AgentFootprint -Dexec.args="${1:-1000}" \
  -Dkubernetes.version="$version"
