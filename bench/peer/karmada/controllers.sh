#!/usr/bin/env bash
# Starts (or, after a kill, starts again) Karmada's controller manager and scheduler against the
# control plane that up.sh started in --state DIR. Returns once both answer their health probes.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../lib.sh
source "$here/../lib.sh"
bin="" state=""
while (($#)); do
  case "$1" in
    --bin) bin="$2"; shift 2 ;;
    --state) state="$2"; shift 2 ;;
    *) echo "karmada/controllers.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
karmada="$state/karmada.kubeconfig"
cm_health="$(free_port)"
spawn controller-manager "$bin/karmada-controller-manager" --kubeconfig "$karmada" \
  --leader-elect=false --metrics-bind-address 0 --health-probe-bind-address "127.0.0.1:$cm_health"
scheduler_health="$(free_port)"
spawn scheduler "$bin/karmada-scheduler" --kubeconfig "$karmada" --leader-elect=false \
  --enable-scheduler-estimator=false --metrics-bind-address 0 \
  --health-probe-bind-address "127.0.0.1:$scheduler_health"
wait_for controller-manager "http://127.0.0.1:$cm_health/healthz"
wait_for scheduler "http://127.0.0.1:$scheduler_health/healthz"
