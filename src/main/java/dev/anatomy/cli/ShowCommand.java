package dev.anatomy.cli;

import dev.anatomy.report.Card;
import dev.anatomy.store.HistoryStore;
import dev.anatomy.store.RunSource;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code anatomy show RUN}: the card of a recorded run or of a JSON document. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Print the card of a recorded run or of a JSON document.")
final class ShowCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin StoreOption store;

  @Parameters(
      paramLabel = "RUN",
      description = "A run id, the start of one (see anatomy history), or a JSON file.")
  String run;

  @Override
  public Integer call() {
    RunSource.Loaded loaded =
        RunSource.load(run, () -> HistoryStore.openForReading(store.location()));
    PrintWriter out = spec.commandLine().getOut();
    out.print(new Card().render(loaded.document()));
    out.flush();
    return ExitCodes.OK;
  }
}
