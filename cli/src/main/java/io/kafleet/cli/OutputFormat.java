package io.kafleet.cli;

import java.util.Locale;

/** The {@code -o} formats of {@code get}, as kubectl names them. */
enum OutputFormat {
  TABLE,
  WIDE,
  JSON,
  YAML,
  NAME;

  private static final String ALLOWED = "json, name, wide, yaml";

  /** The format so named; an unknown one is an error in kubectl's words, naming the allowed. */
  static OutputFormat parse(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "", "table" -> TABLE;
      case "wide" -> WIDE;
      case "json" -> JSON;
      case "yaml" -> YAML;
      case "name" -> NAME;
      default ->
          throw new CliException(
              "unable to match a printer suitable for the output format \""
                  + text
                  + "\", allowed formats are: "
                  + ALLOWED);
    };
  }

  boolean columns() {
    return this == TABLE || this == WIDE;
  }
}
