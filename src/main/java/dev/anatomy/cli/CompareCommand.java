package dev.anatomy.cli;

import dev.anatomy.compare.Comparison;
import dev.anatomy.compare.FigureComparison;
import dev.anatomy.report.ComparisonReport;
import dev.anatomy.report.Quantity;
import dev.anatomy.run.UsageException;
import dev.anatomy.store.HistoryStore;
import dev.anatomy.store.RunSource;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code anatomy compare A B}: two runs side by side, and whether each difference is noise. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Compare two runs figure by figure: values side by side, ratio B/A, and whether the"
          + " difference is significant given the samples (Mann-Whitney U per figure, false"
          + " discovery rate 5%% over all figures).",
      "Exit status 3 with --fail-if-slower when a figure is significantly worse by more than PCT."
    })
final class CompareCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin StoreOption store;

  @Parameters(
      index = "0",
      paramLabel = "A",
      description = "Baseline: run id, id prefix or JSON file.")
  String a;

  @Parameters(
      index = "1",
      paramLabel = "B",
      description = "Candidate: run id, id prefix or JSON file.")
  String b;

  @Option(
      names = "--fail-if-slower",
      paramLabel = "PCT",
      description =
          "Exit 3 if a figure of B is significantly worse than A by more than PCT percent (a time"
              + " longer, a rate lower).")
  Double failIfSlower;

  @Option(
      names = "--significant",
      description = "Show only the figures whose difference is significant.")
  boolean onlySignificant;

  @Override
  public Integer call() {
    if (failIfSlower != null && (!Double.isFinite(failIfSlower) || failIfSlower < 0)) {
      throw new UsageException(
          "--fail-if-slower must be a percentage of 0 or more, such as 5, was " + failIfSlower);
    }
    Supplier<HistoryStore> history = new LazyStore(store);
    RunSource.Loaded left = RunSource.load(a, history);
    RunSource.Loaded right = RunSource.load(b, history);
    Comparison c = Comparison.of(left.document(), right.document());
    PrintWriter out = spec.commandLine().getOut();
    out.print(ComparisonReport.render(left.document(), right.document(), c, onlySignificant));
    out.flush();
    if (failIfSlower == null) {
      return ExitCodes.OK;
    }
    List<FigureComparison> worse = c.regressions(failIfSlower);
    if (worse.isEmpty()) {
      return ExitCodes.OK;
    }
    String list =
        worse.stream()
            .limit(5)
            .map(f -> f.path() + " " + Quantity.change(f.ratio()))
            .collect(Collectors.joining(", "));
    PrintWriter err = spec.commandLine().getErr();
    err.println(
        String.format(
            Locale.ROOT,
            "anatomy: %d figure%s significantly worse by more than %s%%: %s%s",
            worse.size(),
            worse.size() == 1 ? "" : "s",
            failIfSlower == Math.rint(failIfSlower)
                ? Long.toString(failIfSlower.longValue())
                : failIfSlower.toString(),
            list,
            worse.size() > 5 ? ", ..." : ""));
    err.flush();
    return ExitCodes.REGRESSION;
  }

  /** Opens the store once, on first use: only when A or B is not a file. */
  private static final class LazyStore implements Supplier<HistoryStore> {
    private final StoreOption option;
    private HistoryStore store;

    LazyStore(StoreOption option) {
      this.option = option;
    }

    @Override
    public HistoryStore get() {
      if (store == null) {
        store = HistoryStore.openForReading(option.location());
      }
      return store;
    }
  }
}
