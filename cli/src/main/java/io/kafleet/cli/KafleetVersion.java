package io.kafleet.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * The version of this command line: the jar manifest's Implementation-Version (written by the
 * build), or {@code dev} when running from classes, as in tests and the IDE.
 */
public final class KafleetVersion implements IVersionProvider {

  static final String UNKNOWN = "dev";

  public static String current() {
    String fromManifest = KafleetVersion.class.getPackage().getImplementationVersion();
    return fromManifest == null || fromManifest.isBlank() ? UNKNOWN : fromManifest;
  }

  static String line() {
    return "kafleet " + current();
  }

  @Override
  public String[] getVersion() {
    return new String[] {line()};
  }
}
