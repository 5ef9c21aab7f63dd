#!/usr/bin/env bash
# Starts Karmada in pull mode on loopback for the peer benchmark, from binaries the caller built:
#   bench/peer/karmada/up.sh --bin DIR --source DIR --state DIR [--members N]
# --bin holds karmada-controller-manager, karmada-scheduler, karmada-webhook,
# karmada-aggregated-apiserver and karmada-agent; --source is the Karmada source tree those were
# built from (its CRDs and webhook configuration are read from there, nothing is copied into this
# repository). The control plane is a kube-apiserver + etcd of the project's own Kubernetes
# binaries with Karmada's CRDs, the aggregated API server (it serves cluster.karmada.io, the
# Cluster objects agents register), the webhook, the controller manager and the scheduler. Each
# member is a kube-apiserver + etcd with a karmada-agent registering it as a Pull cluster named
# memberN. Everything listens on 127.0.0.1; pids go to DIR/pids (down.sh ends them); kubeconfigs
# to DIR/karmada.kubeconfig and DIR/karmada-memberN.kubeconfig.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../lib.sh
source "$here/../lib.sh"

bin="" source_dir="" state="" members=2
while (($#)); do
  case "$1" in
    --bin) bin="$(cd "$2" && pwd)"; shift 2 ;;
    --source) source_dir="$(cd "$2" && pwd)"; shift 2 ;;
    --state) state="$2"; shift 2 ;;
    --members) members="$2"; shift 2 ;;
    *) echo "karmada/up.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ -n "$bin" && -n "$source_dir" && -n "$state" ]] || {
  echo "usage: karmada/up.sh --bin DIR --source DIR --state DIR [--members N]" >&2
  exit 2
}
for component in controller-manager scheduler webhook aggregated-apiserver agent; do
  [[ -x "$bin/karmada-$component" ]] || {
    echo "karmada/up.sh: $bin/karmada-$component is missing" >&2
    exit 2
  }
done
crds="$source_dir/charts/karmada/_crds/bases"
webhooks="$source_dir/artifacts/deploy/webhook-configuration.yaml"
[[ -d "$crds" && -f "$webhooks" ]] || {
  echo "karmada/up.sh: $source_dir has no charts/karmada/_crds/bases or artifacts/deploy/webhook-configuration.yaml" >&2
  exit 2
}
mkdir -p "$state"
state="$(cd "$state" && pwd)"
kubectl="$(kube_bin)/kubectl"
pki_init
ca_bundle="$(base64 -w0 <"$pki/ca.crt")"

api_server karmada \
  --requestheader-client-ca-file "$pki/front-proxy-ca.crt" \
  --requestheader-allowed-names front-proxy-client \
  --requestheader-extra-headers-prefix X-Remote-Extra- \
  --requestheader-group-headers X-Remote-Group \
  --requestheader-username-headers X-Remote-User \
  --proxy-client-cert-file "$pki/front-proxy-client.crt" \
  --proxy-client-key-file "$pki/front-proxy-client.key"
karmada_etcd="$etcd_url"
karmada="$state/karmada.kubeconfig"
k() { "$kubectl" --kubeconfig "$karmada" "$@"; }

k create namespace karmada-system >/dev/null
k create namespace karmada-cluster >/dev/null
k apply --server-side -R -f "$crds" >/dev/null

# The webhook, called by the API server at 127.0.0.1 instead of its in-cluster Service name.
webhook_port="$(free_port)"
mkdir -p "$state/webhook-certs"
cp "$pki/server.crt" "$state/webhook-certs/tls.crt"
cp "$pki/server.key" "$state/webhook-certs/tls.key"
spawn webhook "$bin/karmada-webhook" --kubeconfig "$karmada" --bind-address 127.0.0.1 \
  --secure-port "$webhook_port" --cert-dir "$state/webhook-certs" --metrics-bind-address 0 \
  --health-probe-bind-address "127.0.0.1:$(free_port)"
wait_for webhook "https://127.0.0.1:$webhook_port/readyz"
sed -e "s|{{caBundle}}|$ca_bundle|g" \
  -e "s|https://karmada-webhook.karmada-system.svc:443|https://127.0.0.1:$webhook_port|g" \
  "$webhooks" | k apply -f - >/dev/null

# The aggregated API server, on the control plane's etcd as Karmada deploys it; the API server
# reaches it through an ExternalName Service resolving to localhost.
aggregated_port="$(free_port)"
spawn aggregated-apiserver "$bin/karmada-aggregated-apiserver" --kubeconfig "$karmada" \
  --authentication-kubeconfig "$karmada" --authorization-kubeconfig "$karmada" \
  --etcd-servers "$karmada_etcd" --tls-cert-file "$pki/server.crt" \
  --tls-private-key-file "$pki/server.key" --bind-address 127.0.0.1 \
  --secure-port "$aggregated_port"
wait_for aggregated-apiserver "https://127.0.0.1:$aggregated_port/readyz"
k apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Service
metadata: {name: karmada-aggregated-apiserver, namespace: karmada-system}
spec: {type: ExternalName, externalName: localhost}
---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {name: v1alpha1.cluster.karmada.io}
spec:
  caBundle: $ca_bundle
  group: cluster.karmada.io
  groupPriorityMinimum: 2000
  service: {name: karmada-aggregated-apiserver, namespace: karmada-system, port: $aggregated_port}
  version: v1alpha1
  versionPriority: 10
EOF
until k get clusters.cluster.karmada.io >/dev/null 2>&1; do
  kill -0 "$(cat "$state/pids/aggregated-apiserver")" || exit 1
  sleep 0.5
done

# One instance each, so no leader election (a restart does not wait for a lease to expire).
bash "$here/controllers.sh" --bin "$bin" --state "$state"

for ((i = 1; i <= members; i++)); do
  name="member$i"
  api_server "karmada-$name"
  KUBECONFIG="$state/karmada-$name.kubeconfig" spawn "agent-$name" "$bin/karmada-agent" \
    --karmada-kubeconfig "$karmada" --cluster-name "$name" --cluster-api-endpoint "$api_url" \
    --leader-elect=false --metrics-bind-address 0 \
    --health-probe-bind-address "127.0.0.1:$(free_port)" --report-secrets None
done
for ((i = 1; i <= members; i++)); do
  until [[ "$(k get cluster "member$i" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" == True ]]; do
    kill -0 "$(cat "$state/pids/agent-member$i")" || {
      tail -20 "$state/logs/agent-member$i.log" >&2
      exit 1
    }
    sleep 0.5
  done
done
echo "karmada: control plane $karmada, $members Pull members ready" >&2
