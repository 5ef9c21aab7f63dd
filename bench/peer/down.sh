#!/usr/bin/env bash
# Ends every process the peer harness recorded under --state DIR (both systems' members, Karmada's
# control plane): bench/peer/down.sh --state DIR
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
[[ "${1:-}" == --state && -n "${2:-}" ]] || { echo "usage: down.sh --state DIR" >&2; exit 2; }
state="$2"
stop_all
