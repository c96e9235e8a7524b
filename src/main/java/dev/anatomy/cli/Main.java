package dev.anatomy.cli;

import dev.anatomy.run.UsageException;
import dev.anatomy.run.Version;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code anatomy} command line.
 *
 * <pre>
 * anatomy measure [--only PARTS] [--quick|--deep] [--json FILE]   measure the machine, print the card
 * anatomy amdahl --serial-fraction P --cores N                   Amdahl's law, worked out
 * anatomy serve [--bind ADDR] [--port P]                         be the peer of a network test
 * </pre>
 *
 * <p>Exit codes: 0 ok, 1 internal failure, 2 bad input or an unusable resource, 3 a regression
 * found by {@code compare}.
 */
@Command(
    name = "anatomy",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description =
        "Measures what this machine is capable of: computing units, memory units and"
            + " the connections between them.",
    subcommands = {MeasureCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Prints anatomy's version and the JVM's. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "anatomy " + Version.current(),
        "Java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vm.name")
            + ")"
      };
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Runs anatomy and exits with its status.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    System.exit(execute(args, out, err));
  }

  /**
   * Runs a command line with the given output channels, without exiting.
   *
   * @param args arguments
   * @param out standard output
   * @param err standard error
   * @return the exit status
   */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cmd = commandLine(out, err);
    return cmd.execute(args);
  }

  /**
   * The configured command line, with anatomy's error handling: a bad argument or a usage error is
   * one line on stderr and exit 2; an unexpected failure is one line and exit 1, with the stack
   * trace only when ANATOMY_DEBUG is set.
   *
   * @param out standard output
   * @param err standard error
   * @return the command line
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cmd = new CommandLine(new Main());
    for (Object sub : Commands.extra()) {
      cmd.addSubcommand(sub);
    }
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setParameterExceptionHandler(
        (ex, args) -> {
          err.println(
              "anatomy: "
                  + usageMessage(ex.getMessage())
                  + " (see anatomy "
                  + commandPath(ex.getCommandLine())
                  + "--help)");
          return ExitCodes.BAD_INPUT;
        });
    cmd.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof UsageException u) {
            err.println("anatomy: " + u.getMessage());
            return ExitCodes.BAD_INPUT;
          }
          err.println("anatomy: internal error: " + ex);
          if (System.getenv("ANATOMY_DEBUG") != null) {
            ex.printStackTrace(err);
          } else {
            err.println("anatomy: set ANATOMY_DEBUG=1 to see the stack trace");
          }
          return ExitCodes.INTERNAL;
        });
    return cmd;
  }

  private static String commandPath(CommandLine c) {
    StringBuilder sb = new StringBuilder();
    for (CommandLine p = c; p != null && p.getParent() != null; p = p.getParent()) {
      sb.insert(0, p.getCommandName() + " ");
    }
    return sb.toString();
  }

  /**
   * picocli's message for a usage error, in anatomy's words: without the "Error: " it starts some
   * messages with (the line already starts with "anatomy: "), and an option given twice said so
   * rather than as picocli's "expected only one match but got [--quick | --deep]={--quick} and
   * ...".
   *
   * @param message picocli's message
   * @return the message to print
   */
  static String usageMessage(String message) {
    String m = message == null ? "bad arguments" : message;
    if (m.startsWith("Error: ")) {
      m = m.substring("Error: ".length());
    }
    if (m.startsWith("expected only one match but got")) {
      java.util.regex.Matcher g = java.util.regex.Pattern.compile("=\\{([^}]*)}").matcher(m);
      java.util.List<String> given = new java.util.ArrayList<>();
      while (g.find()) {
        given.add(g.group(1));
      }
      if (given.size() == 2 && given.get(0).equals(given.get(1))) {
        return given.get(0) + " was given more than once";
      }
      if (given.size() == 2) {
        return given.get(0) + " and " + given.get(1) + " cannot be given together";
      }
      return "an option was given more than once, or with another it excludes";
    }
    return m;
  }
}
