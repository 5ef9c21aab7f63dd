#!/usr/bin/env bash
# The Kafka side of kafleet's docker-compose control plane, run inside the apache/kafka image.
#   kafka-init.sh check   the broker answers its admin (the broker's health check)
#   kafka-init.sh init    creates the control plane's SCRAM-SHA-512 users and exactly their ACLs
#                         (ControlPlaneAccess in schemas/; the README's Security section lists them).
# Both connect as the broker's super user, with SASL/PLAIN on the INTERNAL listener (the admin is
# defined in the broker's JAAS settings, so it exists before any SCRAM credential does). Passwords
# come from the environment (.env beside docker-compose.yml) and are never printed.
set -euo pipefail

bin=/opt/kafka/bin
bootstrap=kafka:9092
config=$(mktemp)
trap 'rm -f "$config"' EXIT
cat > "$config" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="${KAFLEET_KAFKA_ADMIN_PASSWORD:?the broker admin password}";
PROPERTIES

if [ "${1:-}" = check ]; then
  exec "$bin/kafka-broker-api-versions.sh" --bootstrap-server "$bootstrap" --command-config "$config" > /dev/null
fi
[ "${1:-}" = init ] || { echo "usage: kafka-init.sh check|init" >&2; exit 2; }

user() { # NAME PASSWORD: creates or sets the user's SCRAM-SHA-512 credential
  "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --command-config "$config" --alter \
    --entity-type users --entity-name "$1" --add-config "SCRAM-SHA-512=[iterations=8192,password=$2]" > /dev/null
  echo "user $1"
}

acl() { # USER literal|prefixed --topic|--group|--transactional-id|--cluster NAME OPERATION...
  local principal=User:$1 pattern=$2 flag=$3 name=$4
  shift 4
  local resource=("$flag" "$name")
  [ "$flag" = --cluster ] && resource=(--cluster)
  local operations=()
  # kafka-acls.sh takes DescribeConfigs or DESCRIBECONFIGS, not Java's DESCRIBE_CONFIGS.
  for operation in "$@"; do operations+=(--operation "${operation//_/}"); done
  "$bin/kafka-acls.sh" --bootstrap-server "$bootstrap" --command-config "$config" --add \
    --allow-principal "$principal" --allow-host '*' "${operations[@]}" "${resource[@]}" \
    --resource-pattern-type "$pattern" > /dev/null
  echo "acl $principal $pattern ${resource[*]} $*"
}

user kafleet-placement "${KAFLEET_PLACEMENT_KAFKA_PASSWORD:?}"
user kafleet-traffic "${KAFLEET_TRAFFIC_KAFKA_PASSWORD:?}"
user kafleet-registry "${KAFLEET_REGISTRY_KAFKA_PASSWORD:?}"

# placement-service, traffic-service: as ControlPlaneAccess says (checked by ControlPlaneAccessTest).
acl kafleet-placement literal --topic kafleet.templates CREATE READ WRITE DESCRIBE
acl kafleet-placement literal --topic kafleet.policies CREATE READ WRITE DESCRIBE
acl kafleet-placement literal --topic kafleet.clusters CREATE READ WRITE DESCRIBE
acl kafleet-placement literal --topic kafleet.schedules CREATE READ WRITE DESCRIBE
acl kafleet-placement literal --topic kafleet.placement.events CREATE READ WRITE DESCRIBE
acl kafleet-placement literal --topic kafleet.placement.leader CREATE READ DESCRIBE
acl kafleet-placement literal --topic kafleet.traffic.shifts CREATE READ DESCRIBE
acl kafleet-placement literal --topic kafleet.traffic.events READ DESCRIBE
acl kafleet-placement literal --topic kafleet.rollout.requests CREATE WRITE DESCRIBE
acl kafleet-placement prefixed --topic kafleet.es. CREATE READ WRITE DESCRIBE
acl kafleet-placement prefixed --topic kafleet.status. CREATE READ DESCRIBE
acl kafleet-placement prefixed --topic kafleet.query. CREATE WRITE DESCRIBE
acl kafleet-placement prefixed --topic kafleet.query-reply. CREATE READ DESCRIBE
acl kafleet-placement prefixed --group kafleet-placement READ
acl kafleet-placement literal --group kafleet.placement.leader READ
acl kafleet-placement literal --transactional-id kafleet-placement- WRITE DESCRIBE
acl kafleet-placement literal --cluster kafka-cluster ALTER
acl kafleet-traffic literal --topic kafleet.traffic.shifts CREATE READ WRITE DESCRIBE
acl kafleet-traffic literal --topic kafleet.traffic.events CREATE READ WRITE DESCRIBE
acl kafleet-traffic literal --topic kafleet.rollout.requests CREATE READ WRITE DESCRIBE
acl kafleet-traffic literal --topic kafleet.templates READ DESCRIBE
acl kafleet-traffic prefixed --topic kafleet.es. READ DESCRIBE
acl kafleet-traffic prefixed --topic kafleet.status. READ DESCRIBE
acl kafleet-traffic literal --topic kafleet.traffic.leader CREATE READ DESCRIBE
acl kafleet-traffic prefixed --group kafleet-traffic- READ
acl kafleet-traffic literal --group kafleet.traffic.leader READ
acl kafleet-traffic literal --transactional-id kafleet-traffic- WRITE DESCRIBE

# The fleet events' reader, when .env gives it a password (else make readers for tools with
# `kafleet access reader NAME`): as ControlPlaneAccess.eventsReader says (ControlPlaneAccessTest).
if [ -n "${KAFLEET_EVENTS_KAFKA_PASSWORD:-}" ]; then
  user kafleet-events "$KAFLEET_EVENTS_KAFKA_PASSWORD"
  acl kafleet-events literal --topic kafleet.placement.events READ DESCRIBE
  acl kafleet-events literal --topic kafleet.traffic.events READ DESCRIBE
  acl kafleet-events prefixed --group kafleet-events- READ
fi

# Confluent Schema Registry (not the embedded registry's line): its store topic and its groups.
acl kafleet-registry literal --topic _schemas CREATE READ WRITE DESCRIBE DESCRIBE_CONFIGS
acl kafleet-registry prefixed --group schema-registry READ
