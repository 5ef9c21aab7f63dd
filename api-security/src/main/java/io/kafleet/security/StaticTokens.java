package io.kafleet.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The configured static tokens, kept as SHA-256 hashes and compared in constant time: a presented
 * token is hashed and checked against every entry, so timing tells nothing about which one nearly
 * matched.
 */
public final class StaticTokens {

  private record Entry(byte[] sha256, ApiCaller caller) {}

  private final List<Entry> entries;

  private StaticTokens(List<Entry> entries) {
    this.entries = entries;
  }

  /** Checks every entry; a bad one is refused with its index and field. */
  public static StaticTokens of(List<ApiSecuritySettings.StaticToken> settings) {
    List<Entry> entries = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> hashes = new HashSet<>();
    for (int i = 0; i < settings.size(); i++) {
      ApiSecuritySettings.StaticToken setting = settings.get(i);
      String at = "kafleet.security.static-tokens[" + i + "]";
      if (setting.name() == null || setting.name().isBlank()) {
        throw new IllegalArgumentException(at + ".name: is required");
      }
      if (!names.add(setting.name())) {
        throw new IllegalArgumentException(
            at + ".name: '" + setting.name() + "' is the name of an earlier token");
      }
      Role role =
          Role.ofLabel(String.valueOf(setting.role()))
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          at
                              + ".role: '"
                              + setting.role()
                              + "' is not one of viewer, operator, admin"));
      byte[] hash = hash(setting, at);
      if (!hashes.add(HexFormat.of().formatHex(hash))) {
        throw new IllegalArgumentException(at + ": the same token as an earlier entry");
      }
      entries.add(new Entry(hash, new ApiCaller(setting.name(), Optional.of(role))));
    }
    return new StaticTokens(List.copyOf(entries));
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  public Optional<ApiCaller> find(String token) {
    byte[] presented = sha256(token);
    ApiCaller found = null;
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(entry.sha256(), presented)) {
        found = entry.caller();
      }
    }
    return Optional.ofNullable(found);
  }

  /** Hex SHA-256 of a token, as {@code token-sha256} wants it. */
  public static String sha256Hex(String token) {
    return HexFormat.of().formatHex(sha256(token));
  }

  private static byte[] hash(ApiSecuritySettings.StaticToken setting, String at) {
    boolean plain = setting.token() != null && !setting.token().isEmpty();
    boolean hashed = setting.tokenSha256() != null && !setting.tokenSha256().isEmpty();
    if (plain == hashed) {
      throw new IllegalArgumentException(at + ": give exactly one of token-sha256 and token");
    }
    if (plain) {
      return sha256(setting.token());
    }
    String hex = setting.tokenSha256().trim();
    if (!hex.matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException(
          at + ".token-sha256: is not 64 hex digits (a SHA-256 hash, e.g. of `sha256sum`)");
    }
    return HexFormat.of().parseHex(hex.toLowerCase(java.util.Locale.ROOT));
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
