#!/usr/bin/env bash
# Builds the pinned Helm from source, fetched through the Go module proxy with the same Go the
# Kubernetes binaries are built with (scripts/kube-binaries.sh), into
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

os="$(uname -s | tr '[:upper:]' '[:lower:]')"
case "$(uname -m)" in
  aarch64 | arm64) arch=arm64 ;;
  *) arch=amd64 ;;
esac

cache="${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}/helm"
target="$cache/$version-$os-$arch"

present() {
  [[ -x "$target/helm" ]]
}

if present; then
  echo "helm-binary: Helm $version present" >&2
  echo "$target/helm"
  exit 0
fi

go_cmd="$(command -v go || true)"
if [[ -z "$go_cmd" && -x /usr/local/go/bin/go ]]; then
  go_cmd=/usr/local/go/bin/go
fi
if [[ -z "$go_cmd" ]]; then
  echo "helm-binary: Go is needed to build Helm, and no 'go' is on PATH or in /usr/local/go/bin" >&2
  exit 1
fi

mkdir -p "$cache"
exec 9>"$cache/.lock-$version"
flock 9
if present; then
  echo "helm-binary: Helm $version present (built by another process)" >&2
  echo "$target/helm"
  exit 0
fi

work="$(mktemp -d "$cache/.build-$version.XXXXXX")"
trap 'rm -rf "$work"' EXIT
started=$SECONDS
echo "helm-binary: building Helm $version with $("$go_cmd" version | cut -d' ' -f3) into $target (first time only; a few minutes)" >&2

# Helm's own go.mod and go.sum decide every dependency (go install module@version), as its
# release build does; the version is stamped where `helm version` reads it.
quiet() { "$@" 2> >(grep -v '^go: downloading' >&2); }
export GOWORK=off CGO_ENABLED=0 GOOS="$os" GOARCH="$arch" GOBIN="$work/bin" GOFLAGS=
quiet "$go_cmd" install -trimpath \
  -ldflags "-s -w -X helm.sh/helm/v4/internal/version.version=$version" \
  "helm.sh/helm/v4/cmd/helm@$version" >&2

reported="$("$work/bin/helm" version --template '{{.Version}}')"
if [[ "$reported" != "$version" ]]; then
  echo "helm-binary: the built helm reports '$reported', expected $version" >&2
  exit 1
fi

# One rename: a build that stopped half-way never looks like a complete one.
mkdir -p "$(dirname "$target")"
mv "$work/bin" "$target"
echo "helm-binary: built Helm $version in $((SECONDS - started)) s into $target" >&2
echo "$target/helm"
