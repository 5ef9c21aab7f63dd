# Shared by the peer harness's scripts: a private CA, etcd and kube-apiserver processes on
# loopback, each recorded with its pid under the state directory so that down.sh ends it.
# Sourced, not run. Needs: openssl, python3 (free ports), the project's Kubernetes binaries.

kube_bin() {
  local root version os
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  version="$(sed -n 's:.*<kubernetes.version>\(.*\)</kubernetes.version>.*:\1:p' "$root/pom.xml")"
  bash "$root/scripts/kube-binaries.sh" "$version" >&2
  os="$(uname -s | tr '[:upper:]' '[:lower:]')"
  echo "${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}/k8s/$version-$os-amd64"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Starts a command in the background with its output in $state/logs/<name>.log and its pid in
# $state/pids/<name>.
spawn() {
  local name="$1"
  shift
  mkdir -p "$state/logs" "$state/pids"
  "$@" >"$state/logs/$name.log" 2>&1 &
  echo $! >"$state/pids/$name"
}

# Waits until a URL answers (any HTTP status), or fails naming the log to read.
wait_for() {
  local name="$1" url="$2" tries=0
  shift 2
  until curl -sk --max-time 2 -o /dev/null "$@" "$url"; do
    if ! kill -0 "$(cat "$state/pids/$name")" 2>/dev/null; then
      echo "peer: $name exited; see $state/logs/$name.log" >&2
      tail -20 "$state/logs/$name.log" >&2
      return 1
    fi
    ((tries++ < 600)) || { echo "peer: $name did not answer at $url in 5 min" >&2; return 1; }
    sleep 0.5
  done
}

# The CA every server and client certificate of this state directory is signed with.
pki_init() {
  pki="$state/pki"
  [[ -f "$pki/ca.crt" ]] && return 0
  mkdir -p "$pki"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=peer-ca" \
    -keyout "$pki/ca.key" -out "$pki/ca.crt" 2>/dev/null
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=front-proxy-ca" \
    -keyout "$pki/front-proxy-ca.key" -out "$pki/front-proxy-ca.crt" 2>/dev/null
  openssl genrsa -out "$pki/sa.key" 2048 2>/dev/null
  openssl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
  # The API server checks an aggregated server's certificate against its Service's name.
  cert server "/CN=localhost" ca \
    "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:karmada-aggregated-apiserver.karmada-system.svc"
  cert admin "/O=system:masters/CN=admin" ca ""
  cert front-proxy-client "/CN=front-proxy-client" front-proxy-ca ""
}

# cert NAME SUBJECT CA SAN
cert() {
  local name="$1" subject="$2" ca="$3" san="$4" ext
  ext="$(mktemp)"
  {
    echo "basicConstraints=CA:FALSE"
    echo "keyUsage=digitalSignature,keyEncipherment"
    echo "extendedKeyUsage=serverAuth,clientAuth"
    [[ -n "$san" ]] && echo "$san"
  } >"$ext"
  openssl req -newkey rsa:2048 -nodes -subj "$subject" \
    -keyout "$pki/$name.key" -out "$pki/$name.csr" 2>/dev/null
  openssl x509 -req -in "$pki/$name.csr" -CA "$pki/$ca.crt" -CAkey "$pki/$ca.key" \
    -CAcreateserial -days 2 -extfile "$ext" -out "$pki/$name.crt" 2>/dev/null
  rm -f "$ext" "$pki/$name.csr"
}

# kubeconfig FILE SERVER_URL: the admin's kubeconfig for an API server of this state directory.
kubeconfig() {
  cat >"$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: peer
  cluster:
    server: $2
    certificate-authority: $pki/ca.crt
users:
- name: admin
  user:
    client-certificate: $pki/admin.crt
    client-key: $pki/admin.key
contexts:
- name: peer
  context: {cluster: peer, user: admin, namespace: default}
current-context: peer
EOF
}

# api_server NAME [extra kube-apiserver flags...]: etcd and kube-apiserver on loopback; sets
# etcd_url and api_url, writes $state/NAME.kubeconfig.
api_server() {
  local name="$1" bin etcd_port peer_port api_port
  shift
  bin="$(kube_bin)"
  pki_init
  etcd_port="$(free_port)"
  peer_port="$(free_port)"
  api_port="$(free_port)"
  etcd_url="http://127.0.0.1:$etcd_port"
  api_url="https://127.0.0.1:$api_port"
  mkdir -p "$state/etcd-$name"
  spawn "etcd-$name" "$bin/etcd" --name "$name" --data-dir "$state/etcd-$name" \
    --listen-client-urls "$etcd_url" --advertise-client-urls "$etcd_url" \
    --listen-peer-urls "http://127.0.0.1:$peer_port" \
    --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
    --initial-cluster "$name=http://127.0.0.1:$peer_port" --log-level warn
  wait_for "etcd-$name" "$etcd_url/health"
  spawn "apiserver-$name" "$bin/kube-apiserver" --bind-address 127.0.0.1 \
    --secure-port "$api_port" --etcd-servers "$etcd_url" \
    --tls-cert-file "$pki/server.crt" --tls-private-key-file "$pki/server.key" \
    --client-ca-file "$pki/ca.crt" --authorization-mode RBAC \
    --service-account-issuer https://kubernetes.default.svc \
    --service-account-key-file "$pki/sa.pub" --service-account-signing-key-file "$pki/sa.key" \
    --service-cluster-ip-range 10.96.0.0/12 \
    --disable-admission-plugins ServiceAccount,StorageObjectInUseProtection "$@"
  kubeconfig "$state/$name.kubeconfig" "$api_url"
  wait_for "apiserver-$name" "$api_url/readyz"
  until "$bin/kubectl" --kubeconfig "$state/$name.kubeconfig" get --raw /readyz >/dev/null 2>&1; do
    kill -0 "$(cat "$state/pids/apiserver-$name")" 2>/dev/null || {
      tail -20 "$state/logs/apiserver-$name.log" >&2
      return 1
    }
    sleep 0.5
  done
}

# Ends every process recorded under the state directory.
stop_all() {
  local pid_file
  for pid_file in "$state"/pids/*; do
    [[ -f "$pid_file" ]] || continue
    kill "$(cat "$pid_file")" 2>/dev/null || true
  done
  sleep 1
  for pid_file in "$state"/pids/*; do
    [[ -f "$pid_file" ]] || continue
    kill -9 "$(cat "$pid_file")" 2>/dev/null || true
    rm -f "$pid_file"
  done
}
