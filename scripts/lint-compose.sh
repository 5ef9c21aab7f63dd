#!/usr/bin/env bash
# Lints the Compose stack without a Docker engine: Compose files against the Compose specification
# (and dclint's default rules) with dclint, Dockerfiles with dockerfilelint. Both are pinned in
# tools/compose-lint/package-lock.json and installed there with `npm ci` on first use.
# Usage: scripts/lint-compose.sh [FILE...]; a file named *Dockerfile is a Dockerfile, any other a
# Compose file. Default: the repository's docker-compose.yml and the Dockerfiles of its images.
# Exit code 0 when every file passes; otherwise the linters' reports and 1.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/tools/compose-lint"
stamp="$tools/node_modules/.installed-package-lock.json"

if ! command -v npm > /dev/null; then
  echo "lint-compose: npm is required (Node.js 18 or newer) to lint docker-compose.yml" >&2
  exit 1
fi
# Install exactly what the lock file pins, again only when it changed.
if ! cmp -s "$tools/package-lock.json" "$stamp"; then
  npm ci --prefix "$tools" --no-audit --no-fund --loglevel=error >&2
  cp "$tools/package-lock.json" "$stamp"
fi

if [ "$#" -eq 0 ]; then
  set -- "$root/docker-compose.yml" "$root"/placement-service/Dockerfile \
    "$root"/traffic-service/Dockerfile "$root"/propagation-agent/Dockerfile
fi
composefiles=()
dockerfiles=()
for file in "$@"; do
  case "$file" in
    *Dockerfile) dockerfiles+=("$file") ;;
    *) composefiles+=("$file") ;;
  esac
done

failed=0
if [ "${#composefiles[@]}" -gt 0 ]; then
  "$tools/node_modules/.bin/dclint" --no-color "${composefiles[@]}" || failed=1
fi
if [ "${#dockerfiles[@]}" -gt 0 ]; then
  # dockerfilelint exits with the number of issues it found.
  "$tools/node_modules/.bin/dockerfilelint" --output cli "${dockerfiles[@]}" || failed=1
fi
exit "$failed"
