package dev.anatomy.cli;

import java.util.List;

/** The subcommands beyond {@code measure}; each part of anatomy adds its own here. */
final class Commands {
  private Commands() {}

  static List<Object> extra() {
    return List.of(
        new HistoryCommand(),
        new ShowCommand(),
        new CompareCommand(),
        new ExportCommand(),
        new ReportCommand(),
        new ServeCommand(),
        new PredictCommand(),
        new ValidateCommand(),
        new AmdahlCommand());
  }
}
