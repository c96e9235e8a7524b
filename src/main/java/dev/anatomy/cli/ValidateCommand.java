package dev.anatomy.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.harness.NoiseRecord;
import dev.anatomy.model.MachineModel;
import dev.anatomy.model.ModelBuilder;
import dev.anatomy.model.ModelJson;
import dev.anatomy.model.Validation;
import dev.anatomy.model.suite.ValidationPart;
import dev.anatomy.report.Card;
import dev.anatomy.report.html.HtmlReport;
import dev.anatomy.result.Json;
import dev.anatomy.result.PartResult;
import dev.anatomy.run.Effort;
import dev.anatomy.run.Forker;
import dev.anatomy.run.MeasureOptions;
import dev.anatomy.run.MeasureRun;
import dev.anatomy.run.PartFailedException;
import dev.anatomy.run.RunInfo;
import dev.anatomy.run.Sizes;
import dev.anatomy.run.UsageException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code anatomy validate}: the model against measurement. Runs the built-in kernel suite in every
 * tier at 1..N threads and prints each kernel's predicted and measured time, the error and the
 * bound, then the median and 90th-percentile error.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description =
        "Check the model against measurement: the built-in kernel suite, predicted and measured"
            + " (measures compute and memory first unless given --run or --from).")
final class ValidateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin RunChoice source;

  @Option(names = "--quick", description = "Fewer samples (and a quick measurement first).")
  boolean quick;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "Write the run, its model and the validation here.")
  String json;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description = "Write the report, validation kernels on the roofline.")
  String html;

  private final PrintStream stderr = System.err;

  @Override
  public Integer call() {
    Optional<OutputFile> jsonOut =
        json == null ? Optional.empty() : Optional.of(OutputFile.check("--json", json));
    Optional<OutputFile> htmlOut =
        html == null ? Optional.empty() : Optional.of(OutputFile.check("--html", html));
    List<OutputFile> files = Stream.of(jsonOut, htmlOut).flatMap(Optional::stream).toList();
    OutputFile.requireDistinct(files);
    files.forEach(f -> f.requireNotInput(source.from, "document (--from)"));
    if (source.run == null && source.store.store != null) {
      throw new UsageException(
          "--store names the store --run reads; without --run, validate measures afresh and"
              + " records nothing");
    }
    Effort effort = quick ? Effort.QUICK : Effort.STANDARD;
    ProgressRenderer progress =
        new ProgressRenderer(stderr, System.getenv("ANATOMY_STDERR_TTY") != null);
    ObjectNode doc = source.named() ? source.load() : measure(effort, progress);
    MachineModel model =
        ModelBuilder.of(doc)
            .filter(m -> !m.tiers().isEmpty() && !m.compute().isEmpty())
            .orElseThrow(
                () ->
                    new UsageException(
                        "the run lacks the compute or memory figures the model needs (measured: "
                            + doc.path("run").path("partsMeasured")
                            + "); measure with --only compute,memory"));
    List<Long> sizes = Validation.suiteSizes(model, Validation.LARGEST_SUITE_BYTES);
    MeasureOptions options =
        MeasureOptions.of(List.of(ValidationPart.NAME), effort).withSuiteSizes(sizes);
    PartResult suite;
    try {
      suite = Forker.measure(ValidationPart.NAME, options, progress, stderr).result();
    } catch (PartFailedException e) {
      throw new UsageException("the kernel suite did not run: " + e.getMessage(), e);
    }
    progress.finishLine();
    Validation.Result result = Validation.compare(model, suite.section());
    doc.set("model", ModelJson.write(model));
    doc.set("validation", Validation.toJson(result));
    addNoise(doc, suite.noise());
    PrintWriter out = spec.commandLine().getOut();
    out.print(render(result, sizes));
    out.print(Card.noise(doc));
    out.flush();
    jsonOut.ifPresent(f -> f.write(Json.write(doc)));
    htmlOut.ifPresent(f -> f.write(new HtmlReport().render(doc)));
    return ExitCodes.OK;
  }

  /**
   * Adds the suite's noise records to the document's environment, so that a busy machine during the
   * suite is recorded and warned about as it is for the parts measured before it.
   */
  static void addNoise(ObjectNode doc, List<NoiseRecord> records) {
    if (doc.path("environment") instanceof ObjectNode e && !records.isEmpty()) {
      dev.anatomy.run.EnvironmentInfo.addNoise(e, records);
    }
  }

  private ObjectNode measure(Effort effort, ProgressRenderer progress) {
    MeasureOptions options = MeasureOptions.of(List.of("compute", "memory"), effort);
    MeasureRun.validate(options);
    RunInfo run = RunInfo.start("validate", options);
    try (Interruption stop = Interruption.install()) {
      MeasureRun.Result r = MeasureRun.run(run, options, progress, stderr, stop::requested);
      if (r.partial()) {
        throw new UsageException("interrupted while measuring; nothing validated");
      }
      return r.document();
    }
  }

  static String render(Validation.Result r, List<Long> sizes) {
    StringBuilder out = new StringBuilder("MODEL VALIDATION\n");
    out.append("  working sets: ");
    out.append(String.join(", ", sizes.stream().map(Sizes::format).toList())).append('\n');
    out.append(
        String.format(
            Locale.ROOT,
            "  %-15s %10s %3s %12s %12s %8s  %s%n",
            "kernel",
            "set",
            "T",
            "predicted",
            "measured",
            "error",
            "bound"));
    for (Validation.KernelResult k : r.kernels()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-15s %10s %3d %12s %12s %8s  %s / %s%n",
              k.name(),
              Sizes.format(k.workingSetBytes()),
              k.threads(),
              PredictionText.seconds(k.prediction().predictedSeconds()),
              PredictionText.seconds(k.measuredSeconds()),
              k.calibration() ? "calib." : String.format(Locale.ROOT, "%+.0f%%", k.error() * 100),
              k.prediction().bound().kind(),
              k.prediction().bound().tier()));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%n  median |error| %.1f%%, 90th percentile %.1f%% over %d predicted runs%n"
                + "  calib.: the kernel's one-thread run at the smallest set, which gives its"
                + " in-core time (ECM's T_core); not counted%n",
            r.medianAbsError() * 100,
            r.p90AbsError() * 100,
            r.predicted().size()));
    return out.toString();
  }
}
