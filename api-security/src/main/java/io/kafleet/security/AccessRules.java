package io.kafleet.security;

import java.util.List;
import java.util.Set;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which role an API call needs: reads (GET, HEAD, OPTIONS) need viewer, writes need operator,
 * except writes under the service's admin paths, which need admin.
 */
public final class AccessRules {

  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

  private final List<PathPattern> adminWrites;

  private AccessRules(List<PathPattern> adminWrites) {
    this.adminWrites = adminWrites;
  }

  /** Writes to paths matching these patterns ({@code /api/v1/clusters/**}) need admin. */
  public static AccessRules withAdminWrites(String... pathPatterns) {
    return new AccessRules(
        java.util.Arrays.stream(pathPatterns)
            .map(PathPatternParser.defaultInstance::parse)
            .toList());
  }

  public Role required(String method, String path) {
    if (READS.contains(method.toUpperCase(java.util.Locale.ROOT))) {
      return Role.VIEWER;
    }
    PathContainer container = PathContainer.parsePath(path);
    return adminWrites.stream().anyMatch(pattern -> pattern.matches(container))
        ? Role.ADMIN
        : Role.OPERATOR;
  }
}
