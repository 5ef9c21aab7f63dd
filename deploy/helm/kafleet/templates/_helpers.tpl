{{- define "kafleet.labels" -}}
app.kubernetes.io/part-of: kafleet
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "kafleet.image" -}}
{{- if .tag -}}{{ printf "%s:%s" .repository .tag }}{{- else -}}{{ .repository }}{{- end -}}
{{- end -}}

{{/* traffic-service as placement-service's console reaches it: console.trafficUrl, else this
chart's traffic-service; empty when neither (the console's traffic pages then answer 503). */}}
{{- define "kafleet.consoleTrafficUrl" -}}
{{- if .Values.console.trafficUrl -}}
{{- .Values.console.trafficUrl -}}
{{- else if .Values.traffic.enabled -}}
{{- printf "http://%s-traffic-service.%s.svc:%v" .Release.Name .Release.Namespace .Values.traffic.port -}}
{{- end -}}
{{- end -}}

{{/* The schema registry the services use: the embedded registry's Service, or the given URL. */}}
{{- define "kafleet.registryUrl" -}}
{{- if .Values.registry.enabled -}}
{{- printf "http://%s-schema-registry.%s.svc:%v" .Release.Name .Release.Namespace .Values.registry.port -}}
{{- else -}}
{{- required "schemaRegistry.url is required (or registry.enabled=true for the embedded registry)" .Values.schemaRegistry.url -}}
{{- end -}}
{{- end -}}

{{/*
The Spring settings both services share, as a YAML document: Kafka (without the secret login),
the registry, and who may call the API.
*/}}
{{- define "kafleet.sharedConfig" -}}
kafleet:
  kafka:
    bootstrap-servers: {{ required "kafka.bootstrapServers is required" .Values.kafka.bootstrapServers | quote }}
    properties:
      security.protocol: {{ .Values.kafka.securityProtocol | quote }}
      {{- if .Values.kafka.saslMechanism }}
      sasl.mechanism: {{ .Values.kafka.saslMechanism | quote }}
      {{- end }}
      {{- range $property, $value := .Values.kafka.properties }}
      {{ $property }}: {{ $value | toString | quote }}
      {{- end }}
  schema-registry:
    url: {{ include "kafleet.registryUrl" . | quote }}
  security:
    {{- if .Values.security.staticTokens }}
    static-tokens:
      {{- range .Values.security.staticTokens }}
      - name: {{ required "security.staticTokens[].name is required" .name | quote }}
        role: {{ required "security.staticTokens[].role is required (viewer, operator or admin)" .role | quote }}
        token-sha256: {{ required "security.staticTokens[].tokenSha256 is required" .tokenSha256 | quote }}
      {{- end }}
    {{- end }}
    jwt:
      roles-claim: {{ .Values.security.oidc.rolesClaim | quote }}
      name-claim: {{ .Values.security.oidc.nameClaim | quote }}
      {{- with .Values.security.oidc.roleMapping }}
      role-mapping:
        {{- range $claim, $role := . }}
        {{ printf "[%s]" $claim | quote }}: {{ $role | quote }}
        {{- end }}
      {{- end }}
{{- with .Values.security.oidc }}
{{- if or .issuerUri .jwkSetUri }}
spring:
  security:
    oauth2:
      resourceserver:
        jwt:
          {{- with .issuerUri }}
          issuer-uri: {{ . | quote }}
          {{- end }}
          {{- with .jwkSetUri }}
          jwk-set-uri: {{ . | quote }}
          {{- end }}
          {{- with .audiences }}
          audiences:
            {{- toYaml . | nindent 12 }}
          {{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{/* The pod spec parts both services share. Argument: dict root service name. */}}
{{- define "kafleet.servicePod" -}}
{{- $root := .root -}}
{{- $service := .service -}}
serviceAccountName: {{ $root.Release.Name }}-kafleet
automountServiceAccountToken: false
{{- with $root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml $root.Values.podSecurityContext | nindent 2 }}
{{- with $root.Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $root.Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $root.Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
volumes:
  - name: config
    configMap:
      name: {{ $root.Release.Name }}-{{ .name }}
  - name: tmp
    emptyDir:
      sizeLimit: 64Mi
{{- end -}}

{{/* The container parts both services share: probes, config, login. Argument: dict root service jaasKey env. */}}
{{- define "kafleet.serviceContainer" -}}
{{- $root := .root -}}
{{- $service := .service -}}
image: {{ include "kafleet.image" $service.image | quote }}
imagePullPolicy: {{ $service.image.pullPolicy }}
env:
  - name: JAVA_TOOL_OPTIONS
    value: {{ $service.javaToolOptions | quote }}
  - name: SERVER_PORT
    value: {{ $service.port | quote }}
  # The chart's settings, on top of the service's own defaults.
  - name: SPRING_CONFIG_ADDITIONAL_LOCATION
    value: file:/etc/kafleet/config/application.yaml
  - name: KAFLEET_KAFKA_PROPERTIES_SASL_JAAS_CONFIG
    valueFrom:
      secretKeyRef:
        name: {{ required "kafka.credentials.existingSecret is required: a Secret with each service's sasl.jaas.config" $root.Values.kafka.credentials.existingSecret }}
        key: {{ .jaasKey }}
  {{- with .env }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
  {{- with $service.extraEnv }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
ports:
  - name: http
    containerPort: {{ $service.port }}
startupProbe:
  httpGet:
    path: {{ $root.Values.livenessProbe.path }}
    port: http
  periodSeconds: {{ $root.Values.startupProbe.periodSeconds }}
  failureThreshold: {{ $root.Values.startupProbe.failureThreshold }}
livenessProbe:
  httpGet:
    path: {{ $root.Values.livenessProbe.path }}
    port: http
  periodSeconds: {{ $root.Values.livenessProbe.periodSeconds }}
  failureThreshold: {{ $root.Values.livenessProbe.failureThreshold }}
readinessProbe:
  httpGet:
    path: {{ $root.Values.readinessProbe.path }}
    port: http
  periodSeconds: {{ $root.Values.readinessProbe.periodSeconds }}
  failureThreshold: {{ $root.Values.readinessProbe.failureThreshold }}
resources:
  {{- toYaml $service.resources | nindent 2 }}
securityContext:
  {{- toYaml $root.Values.securityContext | nindent 2 }}
volumeMounts:
  - name: config
    mountPath: /etc/kafleet/config
    readOnly: true
  - name: tmp
    mountPath: /tmp
{{- end -}}
