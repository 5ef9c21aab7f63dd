#!/usr/bin/env bash
# Where the CPU went in a JFR recording: the most sampled top frames, and per sample the first
# kafleet frame on the stack (what kafleet code the time is spent under) and the thread.
# Usage: bench/jfr-top.sh RECORDING.jfr [N]    (record with JAVA_OPTS=-XX:StartFlightRecording=filename=...)
set -euo pipefail
recording="${1:?usage: jfr-top.sh RECORDING.jfr [N]}"
top="${2:-25}"
jfr print --events jdk.ExecutionSample --stack-depth 64 "$recording" | awk -v top="$top" '
  /sampledThread = / { thread = $0; sub(/.*sampledThread = "/, "", thread); sub(/".*/, "", thread); gsub(/[0-9]+/, "N", thread) }
  /stackTrace = \[/ { in_stack = 1; first = ""; kafleet = ""; next }
  in_stack && /^[ \t]*\]/ {
    in_stack = 0; samples++
    frames[first]++; threads[thread]++
    under[kafleet == "" ? "(no kafleet frame)" : kafleet]++
    next
  }
  in_stack {
    frame = $0; sub(/^[ \t]+/, "", frame); sub(/[ \t]+line:.*/, "", frame)
    if (first == "") first = frame
    if (kafleet == "" && frame ~ /^io\.kafleet\./) kafleet = frame
  }
  function report(title, counts,   key, n, i, j, keys, tmp) {
    printf "\n%s (of %d samples)\n", title, samples
    n = 0
    for (key in counts) keys[++n] = key
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (counts[keys[j]] > counts[keys[i]]) { tmp = keys[i]; keys[i] = keys[j]; keys[j] = tmp }
    for (i = 1; i <= n && i <= top; i++) printf "%6d %5.1f%%  %s\n", counts[keys[i]], 100 * counts[keys[i]] / samples, keys[i]
  }
  END {
    report("top frames", frames)
    report("first kafleet frame on the stack", under)
    report("threads", threads)
  }'
