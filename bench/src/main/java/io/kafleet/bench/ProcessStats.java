package io.kafleet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A process's resident memory (now and peak) and CPU time, from /proc and ProcessHandle. */
public record ProcessStats(
    String process, long pid, long rssKib, long peakRssKib, double cpuSeconds) {

  public static ProcessStats of(String process, long pid) {
    Map<String, String> status = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        String[] parts = line.split(":\\s+", 2);
        if (parts.length == 2) {
          status.put(parts[0], parts[1]);
        }
      }
    } catch (IOException e) {
      // not Linux, or the process is gone: no memory figures
    }
    double cpu =
        ProcessHandle.of(pid)
                .flatMap(handle -> handle.info().totalCpuDuration())
                .orElse(Duration.ZERO)
                .toMillis()
            / 1000.0;
    return new ProcessStats(process, pid, kib(status.get("VmRSS")), kib(status.get("VmHWM")), cpu);
  }

  private static long kib(String value) {
    return value == null ? -1 : Long.parseLong(value.replace("kB", "").strip());
  }

  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("process", process);
    map.put("pid", pid);
    map.put("rssMiB", rssKib / 1024);
    map.put("peakRssMiB", peakRssKib / 1024);
    map.put("cpuSeconds", Percentiles.round(cpuSeconds));
    return map;
  }
}
