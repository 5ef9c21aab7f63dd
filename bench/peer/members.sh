#!/usr/bin/env bash
# Starts N member API servers for kafleet's agents, identical to Karmada's members (the same
# binaries and flags, lib.sh's api_server): bench/peer/members.sh --state DIR --members N
# Writes DIR/kafleet-memberN.kubeconfig; down.sh ends them.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
state="" members=2
while (($#)); do
  case "$1" in
    --state) state="$2"; shift 2 ;;
    --members) members="$2"; shift 2 ;;
    *) echo "members.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ -n "$state" ]] || { echo "usage: members.sh --state DIR [--members N]" >&2; exit 2; }
mkdir -p "$state"
state="$(cd "$state" && pwd)"
for ((i = 1; i <= members; i++)); do
  api_server "kafleet-member$i"
done
