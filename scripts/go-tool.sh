#!/usr/bin/env bash
# Builds one pinned Go command from source, fetched through the Go module proxy, into
#
#   ${KUBE_API_TEST_DIR:-~/.kubeapitest}/<name>/<version>-<os>-<arch>/<binary>
#
# and prints that path on its last line of standard output (everything else goes to standard
# error). The tools' release downloads are on hosts these machines cannot reach; their modules are
# on the proxy. `go install <package>@<module-version>` builds it, so the tool's own go.mod and
# go.sum decide every dependency, as its release build does.
#
# Usage: scripts/go-tool.sh --name NAME --version VERSION --package IMPORT-PATH@MODULE-VERSION
#          [--title TITLE] [--label LABEL] [--binary BINARY] [--ldflags FLAGS] [--tags TAGS]
#          [--check "ARGS..." --expect TEXT]
#   --name      directory under the cache, e.g. helm
#   --version   the tool's version as its directory names it, e.g. v4.3.2
#   --package   what `go install` builds, e.g. helm.sh/helm/v4/cmd/helm@v4.3.2
#   --title     how messages name the tool (default NAME); --label prefixes them (default go-tool)
#   --binary    the built file's name (default the package path's last element)
#   --ldflags   added after "-s -w" (e.g. -X flags that stamp the version)
#   --tags      go build tags, comma separated
#   --check/--expect  the built binary, run with the words of --check, must print TEXT (as a
#               substring of standard output and error); otherwise nothing is kept
# Returns at once when the binary is already there. Safe to run concurrently: one build per
# name and version at a time.
set -euo pipefail

name= version= package= title= label=go-tool binary= ldflags= tags= check= expect=
fail() {
  echo "$label: $*" >&2
  exit 2
}
while (($#)); do
  [[ $# -ge 2 ]] || fail "option $1 needs a value"
  case "$1" in
    --name) name="$2" ;;
    --version) version="$2" ;;
    --package) package="$2" ;;
    --title) title="$2" ;;
    --label) label="$2" ;;
    --binary) binary="$2" ;;
    --ldflags) ldflags="$2" ;;
    --tags) tags="$2" ;;
    --check) check="$2" ;;
    --expect) expect="$2" ;;
    *) fail "unknown option '$1' (see the usage at the top of scripts/go-tool.sh)" ;;
  esac
  shift 2
done
[[ "$name" =~ ^[a-z0-9][a-z0-9._-]*$ ]] || fail "--name '$name' must be a plain directory name like helm"
[[ "$version" =~ ^v?[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "--version '$version' is not a version like v4.3.2 or 3.16.0"
[[ "$package" =~ ^[^@[:space:]]+@v[0-9]+\.[0-9]+\.[0-9]+$ ]] ||
  fail "--package '$package' is not an import path with a module version, like helm.sh/helm/v4/cmd/helm@v4.3.2"
[[ -n "$check" && -z "$expect" || -z "$check" && -n "$expect" ]] && fail "--check and --expect go together"
title="${title:-$name}"
binary="${binary:-$(basename "${package%@*}")}"

os="$(uname -s | tr '[:upper:]' '[:lower:]')"
case "$(uname -m)" in
  aarch64 | arm64) arch=arm64 ;;
  *) arch=amd64 ;;
esac

cache="${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}/$name"
target="$cache/$version-$os-$arch"

present() {
  [[ -x "$target/$binary" ]]
}

if present; then
  echo "$label: $title $version present" >&2
  echo "$target/$binary"
  exit 0
fi

go_cmd="$(command -v go || true)"
if [[ -z "$go_cmd" && -x /usr/local/go/bin/go ]]; then
  go_cmd=/usr/local/go/bin/go
fi
if [[ -z "$go_cmd" ]]; then
  echo "$label: Go is needed to build $title, and no 'go' is on PATH or in /usr/local/go/bin" >&2
  exit 1
fi

mkdir -p "$cache"
exec 9>"$cache/.lock-$version"
flock 9
if present; then
  echo "$label: $title $version present (built by another process)" >&2
  echo "$target/$binary"
  exit 0
fi

work="$(mktemp -d "$cache/.build-$version.XXXXXX")"
trap 'rm -rf "$work"' EXIT
started=$SECONDS
echo "$label: building $title $version with $("$go_cmd" version | cut -d' ' -f3) into $target (first time only; minutes)" >&2

# Without the hundreds of "go: downloading" lines; errors still show.
quiet() { "$@" 2> >(grep -v '^go: downloading' >&2); }
export GOWORK=off CGO_ENABLED=0 GOOS="$os" GOARCH="$arch" GOBIN="$work/bin" GOFLAGS=
if ! quiet "$go_cmd" install -trimpath -tags "$tags" -ldflags "-s -w $ldflags" "$package" >&2; then
  echo "$label: 'go install $package' failed (Go module proxy: $("$go_cmd" env GOPROXY))" >&2
  exit 1
fi
if [[ ! -x "$work/bin/$binary" ]]; then
  echo "$label: 'go install $package' made no $binary (made: $(ls "$work/bin" 2>/dev/null | tr '\n' ' '))" >&2
  exit 1
fi

if [[ -n "$check" ]]; then
  read -r -a check_args <<<"$check"
  reported="$("$work/bin/$binary" "${check_args[@]}" 2>&1 || true)"
  if [[ "$reported" != *"$expect"* ]]; then
    echo "$label: '$binary $check' printed '$reported', expected it to contain '$expect'" >&2
    exit 1
  fi
fi

# One rename: a build that stopped half-way never looks like a complete one.
mkdir -p "$(dirname "$target")"
mv "$work/bin" "$target"
echo "$label: built $title $version in $((SECONDS - started)) s into $target" >&2
echo "$target/$binary"
