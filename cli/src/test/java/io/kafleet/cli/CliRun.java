package io.kafleet.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import picocli.CommandLine;

/** What one run of the command line returned and printed, as the tests see it. */
record CliRun(int exitCode, String out, String err) {

  /** Runs {@code kafleet} with the arguments, then the extra ones (e.g. a server's URL). */
  static CliRun of(String[] args, String... extra) {
    String[] all = Arrays.copyOf(args, args.length + extra.length);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    // As main builds it: with only the subcommand the arguments name, when they name one.
    CommandLine cli = KafleetCommand.commandLine(all);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exitCode = cli.execute(all);
    return new CliRun(exitCode, out.toString(), err.toString());
  }
}
