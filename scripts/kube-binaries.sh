#!/usr/bin/env bash
# Builds etcd, kube-apiserver and kubectl of one Kubernetes version from source, fetched through
# the Go module proxy, into the layout fabric8 kube-api-test reads:
#
#   ${KUBE_API_TEST_DIR:-~/.kubeapitest}/k8s/<version>-<os>-<arch>/{etcd,kube-apiserver,kubectl}
#
# kube-api-test would download these from GitHub releases, which these machines cannot reach.
# kubectl is there because kube-api-test runs `kubectl get ns default` to decide the server is up.
# etcd is the version that Kubernetes release itself requires (go.etcd.io/etcd/server/v3 in its
# go.mod), built with the same dependency versions.
#
# Usage: scripts/kube-binaries.sh <kubernetes-version>      e.g. 1.36.3
# Returns at once when the three binaries are already there; otherwise the first build takes
# several minutes (see README). Safe to run concurrently: one build per version at a time.
set -euo pipefail

version="${1:?usage: kube-binaries.sh <kubernetes-version, e.g. 1.36.3>}"
if [[ ! "$version" =~ ^1\.([0-9]+)\.([0-9]+)$ ]]; then
  echo "kube-binaries: '$version' is not a Kubernetes release version like 1.36.3" >&2
  exit 2
fi
minor="${BASH_REMATCH[1]}"
patch="${BASH_REMATCH[2]}"

# kube-api-test's own naming (io.fabric8.kubeapitest.binary.OSInfo): lower-case OS name, and
# amd64 for every architecture but aarch64 and ppc64.
os="$(uname -s | tr '[:upper:]' '[:lower:]')"
case "$(uname -m)" in
  aarch64 | arm64) arch=arm64 ;;
  ppc64le | ppc64) arch=ppc64le ;;
  *) arch=amd64 ;;
esac

cache="${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}"
target="$cache/k8s/$version-$os-$arch"

present() {
  [[ -x "$target/etcd" && -x "$target/kube-apiserver" && -x "$target/kubectl" ]]
}

if present; then
  echo "kube-binaries: Kubernetes $version binaries present in $target"
  exit 0
fi

go_cmd="$(command -v go || true)"
if [[ -z "$go_cmd" && -x /usr/local/go/bin/go ]]; then
  go_cmd=/usr/local/go/bin/go
fi
if [[ -z "$go_cmd" ]]; then
  echo "kube-binaries: Go is needed to build kube-apiserver and etcd, and no 'go' is on PATH or in /usr/local/go/bin" >&2
  exit 1
fi

mkdir -p "$cache/k8s"
# Names in k8s/ that end in -<os>-<arch> are read as versions by kube-api-test: the lock and the
# work directory must not.
exec 9>"$cache/k8s/.lock-$version"
flock 9
if present; then
  echo "kube-binaries: Kubernetes $version binaries present in $target (built by another process)"
  exit 0
fi

work="$(mktemp -d "$cache/k8s/.build-$version.XXXXXX")"
trap 'rm -rf "$work"' EXIT
started=$SECONDS
echo "kube-binaries: building etcd, kube-apiserver and kubectl $version with $("$go_cmd" version | cut -d' ' -f3) into $target (first time only; several minutes)"

# Without the hundreds of "go: downloading" lines; errors still show.
quiet() { "$@" 2> >(grep -v '^go: downloading' >&2); }

export GOWORK=off GOFLAGS=-mod=mod CGO_ENABLED=0 GOOS="$os" GOARCH="$arch"
cd "$work"

# k8s.io/kubernetes requires its staging modules (k8s.io/api, k8s.io/apimachinery, ...) at v0.0.0
# and replaces them with directories of its own repository; a module that depends on it must
# replace them with their published versions v0.<minor>.<patch> instead.
# `go mod download -json` reports a failure as an "Error" field on stdout, so say it ourselves.
download="$(quiet "$go_cmd" mod download -json "k8s.io/kubernetes@v$version" || true)"
k8s_mod="$(sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",*$/\1/p' <<<"$download")"
if [[ -z "$k8s_mod" ]]; then
  echo "kube-binaries: cannot download k8s.io/kubernetes@v$version from the Go module proxy ($("$go_cmd" env GOPROXY)):" >&2
  sed -n 's/^[[:space:]]*"Error": "\(.*\)",*$/  \1/p' <<<"$download" >&2
  exit 1
fi
go_directive="$(sed -n 's/^go \([0-9.]*\)$/\1/p' "$k8s_mod")"
{
  echo "module kafleet.local/kube-binaries"
  echo
  echo "go $go_directive"
  echo
  echo "require k8s.io/kubernetes v$version"
  echo
  sed -n 's/^[[:space:]]*\(k8s\.io\/[^[:space:]]*\) v0\.0\.0$/replace \1 => \1 v0.'"$minor.$patch"'/p' "$k8s_mod"
} >go.mod

version_pkgs=(k8s.io/component-base/version k8s.io/client-go/pkg/version)
ldflags="-s -w"
for pkg in "${version_pkgs[@]}"; do
  ldflags+=" -X $pkg.gitVersion=v$version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
done

quiet "$go_cmd" build -trimpath -ldflags "$ldflags" -o bin/ \
  k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kubectl
quiet "$go_cmd" build -trimpath -ldflags "-s -w" -o bin/etcd go.etcd.io/etcd/server/v3

# Whole outputs, never `| head`: with pipefail, the writer's SIGPIPE would fail the script.
apiserver_version="$(bin/kube-apiserver --version)"
kubectl_version="$(bin/kubectl version --client)"
etcd_version="$(bin/etcd --version)"
if [[ "$apiserver_version" != "Kubernetes v$version" || "$kubectl_version" != *"Client Version: v$version"* ]]; then
  echo "kube-binaries: built binaries report '$apiserver_version' and '$kubectl_version', expected v$version" >&2
  exit 1
fi
echo "kube-binaries: kube-apiserver and kubectl v$version, ${etcd_version%%$'\n'*}"

# One rename: a build that stopped half-way never looks like a complete one.
mv bin "$target"
echo "kube-binaries: built Kubernetes $version binaries in $((SECONDS - started)) s into $target"
