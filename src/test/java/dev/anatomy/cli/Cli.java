package dev.anatomy.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs a command line in this JVM and keeps what it printed. */
record Cli(int exit, String out, String err) {
  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Cli(exit, out.toString(), err.toString());
  }

  /** The one line on stderr, without its newline; fails if there is not exactly one. */
  String errLine() {
    String e = err.strip();
    if (e.isEmpty() || e.contains("\n")) {
      throw new AssertionError("expected one line on stderr, got: [" + err + "]");
    }
    return e;
  }
}
