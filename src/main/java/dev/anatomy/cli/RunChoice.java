package dev.anatomy.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.run.UsageException;
import dev.anatomy.store.HistoryStore;
import dev.anatomy.store.RunSource;
import dev.anatomy.store.RunSummary;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Which measured run a command works from: {@code --run ID}, {@code --from FILE}, or the newest.
 */
final class RunChoice {
  @Option(
      names = "--run",
      paramLabel = "ID",
      description = "A recorded run (id or unique prefix; see anatomy history).")
  String run;

  @Option(names = "--from", paramLabel = "FILE", description = "A document written by --json.")
  String from;

  @Mixin StoreOption store;

  /**
   * Whether the user named a run.
   *
   * @return true with --run or --from
   */
  boolean named() {
    return run != null || from != null;
  }

  /**
   * Loads the run.
   *
   * @return the document
   * @throws UsageException if both are given, or the run cannot be found or read
   */
  ObjectNode load() {
    if (run != null && from != null) {
      throw new UsageException("give --run or --from, not both");
    }
    if (from != null) {
      return RunSource.load(
              from.contains("/") || from.endsWith(".json") ? from : "./" + from,
              () -> {
                throw new UsageException("--from needs a JSON file");
              })
          .document();
    }
    HistoryStore s = HistoryStore.openForReading(store.location());
    if (run != null) {
      return s.load(run);
    }
    List<RunSummary> runs = s.list();
    if (runs.isEmpty()) {
      throw new UsageException(
          "no run recorded in "
              + store.location()
              + " yet; run anatomy measure first, or give --run ID or --from FILE");
    }
    return s.load(runs.get(0).id());
  }
}
