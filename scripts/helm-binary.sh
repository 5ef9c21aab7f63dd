#!/usr/bin/env bash
# Builds the pinned Helm from source (scripts/go-tool.sh), with the same Go the Kubernetes
# binaries are built with (scripts/kube-binaries.sh), into
#
#   ${KUBE_API_TEST_DIR:-~/.kubeapitest}/helm/<version>-<os>-<arch>/helm
#
# and prints that path on its last line of standard output. Helm's releases are downloaded from
# get.helm.sh, which these machines cannot reach; helm.sh/helm/v4 is on the module proxy.
#
# Usage: scripts/helm-binary.sh [helm-version]     default: the pinned one below
# Returns at once when the binary is already there; otherwise the first build takes a few minutes.
# Safe to run concurrently: one build per version at a time.
set -euo pipefail

version="${1:-v4.3.2}"
if [[ ! "$version" =~ ^v4\.[0-9]+\.[0-9]+$ ]]; then
  echo "helm-binary: '$version' is not a Helm 4 release version like v4.3.2" >&2
  exit 2
fi

# The version is stamped where `helm version` reads it.
exec "$(dirname "$0")/go-tool.sh" --label helm-binary --name helm --title Helm \
  --version "$version" \
  --package "helm.sh/helm/v4/cmd/helm@$version" \
  --ldflags "-X helm.sh/helm/v4/internal/version.version=$version" \
  --check "version --template {{.Version}}" --expect "$version"
