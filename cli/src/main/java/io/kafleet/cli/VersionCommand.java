package io.kafleet.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kafleet version}, the kubectl habit, next to {@code kafleet --version}. */
@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    description = "Print the version of this kafleet command line.")
public final class VersionCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().getOut().println(KafleetVersion.line());
  }
}
