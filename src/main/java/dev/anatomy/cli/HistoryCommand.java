package dev.anatomy.cli;

import dev.anatomy.report.HistoryTable;
import dev.anatomy.store.HistoryStore;
import dev.anatomy.store.RunSummary;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code anatomy history}: the recorded runs, newest first. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = "List the recorded runs, newest first: id, time, host, CPU and headline figures.")
final class HistoryCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin StoreOption store;

  @Option(names = "--json", description = "Print a JSON array instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    List<RunSummary> runs = HistoryStore.openForReading(store.location()).list();
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? HistoryTable.json(runs) : HistoryTable.render(runs));
    out.flush();
    return ExitCodes.OK;
  }
}
