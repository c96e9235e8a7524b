package dev.anatomy.cli;

import dev.anatomy.report.OpenMetrics;
import dev.anatomy.run.UsageException;
import dev.anatomy.store.HistoryStore;
import dev.anatomy.store.RunSource;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code anatomy export RUN --format openmetrics}: a run for Prometheus. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Export a recorded run or a JSON document in the OpenMetrics text format (Prometheus).")
final class ExportCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin StoreOption store;

  @Parameters(
      paramLabel = "RUN",
      description = "A run id, the start of one (see anatomy history), or a JSON file.")
  String run;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "openmetrics",
      description = "Output format: openmetrics (default).")
  String format;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description =
          "Write here (atomically, for a node-exporter text-file collector) instead of stdout.")
  String output;

  @Override
  public Integer call() {
    if (!"openmetrics".equals(format.toLowerCase(Locale.ROOT))) {
      throw new UsageException("--format must be openmetrics, was '" + format + "'");
    }
    OutputFile file = output == null ? null : OutputFile.check("--output", output);
    if (file != null) {
      file.requireNotInput(run, "document (RUN)");
    }
    RunSource.Loaded loaded =
        RunSource.load(run, () -> HistoryStore.openForReading(store.location()));
    String text = OpenMetrics.render(loaded.document());
    if (file != null) {
      file.write(text);
    } else {
      PrintWriter out = spec.commandLine().getOut();
      out.print(text);
      out.flush();
    }
    return ExitCodes.OK;
  }
}
