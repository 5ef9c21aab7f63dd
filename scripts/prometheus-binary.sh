#!/usr/bin/env bash
# Builds the pinned Prometheus from source (scripts/go-tool.sh) into
#
#   ${KUBE_API_TEST_DIR:-~/.kubeapitest}/prometheus/<version>-<os>-<arch>/prometheus
#
# and prints that path on its last line of standard output. Prometheus 3.x.y is published on the
# Go module proxy as github.com/prometheus/prometheus v0.3xx.y (3.16.0 is v0.316.0).
#
# For tests only: without the web UI's assets (the API answers, the UI pages do not) and without
# the cloud service discoveries (remove_all_sd keeps static, file and http targets), which makes
# the build a few times quicker.
#
# Usage: scripts/prometheus-binary.sh [prometheus-version]     default: the pinned one below
# Returns at once when the binary is already there; otherwise the first build takes minutes.
set -euo pipefail

version="${1:-3.16.0}"
if [[ ! "$version" =~ ^3\.([0-9]+)\.([0-9]+)$ ]]; then
  echo "prometheus-binary: '$version' is not a Prometheus 3 release version like 3.16.0" >&2
  exit 2
fi
module_version="v0.3$(printf '%02d' "${BASH_REMATCH[1]}").${BASH_REMATCH[2]}"

exec "$(dirname "$0")/go-tool.sh" --label prometheus-binary --name prometheus --title Prometheus \
  --version "$version" \
  --package "github.com/prometheus/prometheus/cmd/prometheus@$module_version" \
  --tags remove_all_sd \
  --ldflags "-X github.com/prometheus/common/version.Version=$version -X github.com/prometheus/common/version.Branch=release -X github.com/prometheus/common/version.Revision=$module_version" \
  --check --version --expect "prometheus, version $version "
