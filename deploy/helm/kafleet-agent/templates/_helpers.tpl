{{/* The common name of the agent's objects: one agent per cluster, as in the join manifest. */}}
{{- define "kafleet-agent.name" -}}
kafleet-agent
{{- end -}}

{{- define "kafleet-agent.labels" -}}
app.kubernetes.io/name: kafleet-agent
app.kubernetes.io/part-of: kafleet
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "kafleet-agent.loginSecret" -}}
{{- .Values.login.existingSecret | default "kafleet-agent-kafka" -}}
{{- end -}}

{{- define "kafleet-agent.sealingSecret" -}}
{{- .Values.sealingKey.existingSecret | default "kafleet-agent-sealing" -}}
{{- end -}}

{{/* KAFLEET_CLUSTER_LABELS: key=value,... in key order. */}}
{{- define "kafleet-agent.clusterLabels" -}}
{{- $pairs := list -}}
{{- range $key, $value := .Values.cluster.labels -}}
{{- $pairs = append $pairs (printf "%s=%s" $key $value) -}}
{{- end -}}
{{- join "," $pairs -}}
{{- end -}}

{{/* A Kafka client property as the agent reads it: security.protocol -> KAFLEET_KAFKA_SECURITY_PROTOCOL. */}}
{{- define "kafleet-agent.kafkaVariable" -}}
{{- printf "KAFLEET_KAFKA_%s" (. | upper | replace "." "_" | replace "-" "_") -}}
{{- end -}}
