package dev.anatomy.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.harness.Affinity;
import dev.anatomy.harness.MemoryLimit;
import dev.anatomy.memory.MemoryPlan;
import dev.anatomy.model.ModelBuilder;
import dev.anatomy.model.ModelJson;
import dev.anatomy.report.Card;
import dev.anatomy.report.html.HtmlReport;
import dev.anatomy.result.Json;
import dev.anatomy.run.Effort;
import dev.anatomy.run.MeasureOptions;
import dev.anatomy.run.MeasureRun;
import dev.anatomy.run.Parts;
import dev.anatomy.run.RunInfo;
import dev.anatomy.run.Sizes;
import dev.anatomy.run.UsageException;
import dev.anatomy.store.HistoryStore;
import dev.anatomy.store.StoreLocation;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code anatomy measure}: measures the machine and prints its card. */
@Command(
    name = "measure",
    mixinStandardHelpOptions = true,
    description = "Measure the machine and print its card (progress on stderr).")
public final class MeasureCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--only",
      paramLabel = "PARTS",
      description = "Comma list of parts: compute, memory, storage, links (default: all).")
  String only;

  static final class EffortGroup {
    @Option(names = "--quick", description = "A fast card: fewer sizes and samples.")
    boolean quick;

    @Option(names = "--deep", description = "More sizes and repetitions.")
    boolean deep;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  EffortGroup effort;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the whole document here.")
  String json;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description = "Write the HTML report here: one self-contained file that works offline.")
  String html;

  @Option(
      names = "--max-size",
      paramLabel = "SIZE",
      description =
          "Largest memory working set (default: 1 GiB and at least 4x the last-level cache,"
              + " within half of the available memory; --quick: bandwidth to 4x the last-level"
              + " cache, at least 128 MiB, latency still to 1 GiB).")
  String maxSize;

  @Option(
      names = "--disk-dir",
      paramLabel = "DIR",
      description = "Folder for the disk test file (default: a fresh temporary folder here).")
  String diskDir;

  @Option(
      names = "--disk-size",
      paramLabel = "SIZE",
      description = "Size of the disk test file (default: 1GiB; 128MiB with --quick).")
  String diskSize;

  @Option(
      names = "--disk-read-only",
      paramLabel = "FILE",
      description = "Measure reads only, on this existing file or device; nothing is written.")
  String diskReadOnly;

  @Option(
      names = "--peer",
      paramLabel = "HOST:PORT",
      description = "Measure the network against an 'anatomy serve' peer instead of loopback.")
  String peer;

  @Mixin StoreOption store;

  @Option(names = "--no-store", description = "Do not record this run in the history store.")
  boolean noStore;

  private final PrintStream stderr;

  /** For picocli. */
  public MeasureCommand() {
    this(System.err);
  }

  MeasureCommand(PrintStream stderr) {
    this.stderr = stderr;
  }

  /** What the command will do, once its arguments are checked. */
  record Plan(
      MeasureOptions options,
      Optional<OutputFile> json,
      Optional<OutputFile> html,
      Optional<HistoryStore> store) {}

  @Override
  public Integer call() {
    Plan plan = plan();
    MeasureRun.validate(plan.options());
    PrintWriter out = spec.commandLine().getOut();
    ProgressRenderer progress =
        new ProgressRenderer(stderr, System.getenv("ANATOMY_STDERR_TTY") != null);
    RunInfo run = RunInfo.start(commandLine(), plan.options());
    try (Interruption stop = Interruption.install()) {
      MeasureRun.Result result =
          MeasureRun.run(run, plan.options(), progress, stderr, stop::requested);
      if (result.partial()) {
        progress.abandon();
      } else {
        progress.finishLine();
      }
      ObjectNode doc = result.document();
      ModelBuilder.build(doc).ifPresent(m -> doc.set("model", ModelJson.write(m)));
      if (result.partial() && doc.path("run").path("partsMeasured").isEmpty()) {
        stderr.println("anatomy: interrupted before any part was measured; nothing saved");
        return ExitCodes.INTERNAL;
      }
      if (doc.path("run").path("partsMeasured").isEmpty()) {
        // every part failed: the reasons, and no empty run in the files or the store
        doc.path("unavailable")
            .properties()
            .forEach(e -> stderr.println("anatomy: " + e.getValue().asText()));
        stderr.println("anatomy: no part could be measured; nothing saved");
        return ExitCodes.INTERNAL;
      }
      plan.json().ifPresent(f -> f.write(Json.write(doc)));
      plan.html().ifPresent(f -> f.write(new HtmlReport().render(doc)));
      Optional<UsageException> notStored = plan.store().flatMap(s -> s.trySave(doc));
      out.print(new Card().render(doc));
      out.flush();
      if (notStored.isPresent()) {
        throw notStored.get();
      }
      if (result.partial()) {
        stderr.println("anatomy: interrupted; the parts measured so far were kept, marked partial");
      }
      return ExitCodes.OK;
    }
  }

  /**
   * Checks {@code --max-size} against the memory limit: the size itself, and, when the memory part
   * runs, everything that part maps at once for it ({@link MemoryPlan#mappedBytes}), so a size that
   * would have to be cut is refused before anything is measured, with the largest that fits.
   */
  private void checkMaxSize(long max, List<String> parts) {
    if (max < 64 * 1024) {
      throw new UsageException("--max-size must be at least 64KiB, was " + maxSize);
    }
    long budget = MemoryLimit.read().budgetBytes();
    if (max > budget) {
      throw new UsageException(
          "--max-size "
              + maxSize
              + " is beyond the memory limit: at most "
              + Sizes.format(budget)
              + " (half of the available memory)");
    }
    int cpus = Affinity.allowedCpus().length;
    long need = MemoryPlan.mappedBytes(max, cpus);
    if (!parts.contains("memory") || need <= budget) {
      return;
    }
    long fits = MemoryPlan.largestFitting(max, cpus, budget);
    if (fits < 64 * 1024) {
      throw new UsageException(
          "--max-size "
              + maxSize
              + " is beyond the memory limit, and not even a 1MiB sweep fits the "
              + Sizes.format(budget)
              + " anatomy may use (half of the available memory)");
    }
    throw new UsageException(
        "--max-size "
            + maxSize
            + " is beyond the memory limit: the memory part maps "
            + Sizes.format(need)
            + " at once for it (the chase and each thread's stream arrays), over the "
            + Sizes.format(budget)
            + " anatomy may use (half of the available memory); --max-size "
            + (fits >> 20)
            + "MiB fits");
  }

  /**
   * Says in one line that an option was given for a part not measured: its value is checked, but
   * not the file, folder or host it names, since nothing will use it.
   */
  private void warnIgnored(List<String> parts, String part, String option, String value) {
    if (value != null && !parts.contains(part)) {
      stderr.println("anatomy: " + option + " is ignored: " + part + " is not measured (--only)");
    }
  }

  /**
   * Checks every argument, before anything is measured.
   *
   * @return the plan
   * @throws UsageException naming the first bad argument
   */
  Plan plan() {
    List<String> parts = parts(only);
    Effort e =
        effort == null
            ? Effort.STANDARD
            : effort.quick ? Effort.QUICK : effort.deep ? Effort.DEEP : Effort.STANDARD;
    long max = maxSize == null ? 0 : Sizes.parse("--max-size", maxSize);
    if (max > 0) {
      checkMaxSize(max, parts);
    }
    long disk =
        diskSize != null
            ? Sizes.parse("--disk-size", diskSize)
            : e == Effort.QUICK ? MeasureOptions.QUICK_DISK_SIZE : MeasureOptions.DEFAULT_DISK_SIZE;
    MeasureOptions options =
        new MeasureOptions(
            parts,
            e,
            max,
            Optional.ofNullable(diskDir),
            disk,
            Optional.ofNullable(diskReadOnly),
            Optional.ofNullable(peer));
    Optional<OutputFile> out =
        json == null ? Optional.empty() : Optional.of(OutputFile.check("--json", json));
    Optional<OutputFile> report =
        html == null ? Optional.empty() : Optional.of(OutputFile.check("--html", html));
    List<OutputFile> files = Stream.of(out, report).flatMap(Optional::stream).toList();
    OutputFile.requireDistinct(files);
    if (!noStore && store.store != null && !store.store.startsWith("jdbc:")) {
      files.forEach(f -> f.requireNotInput(store.store, "history store (--store)"));
    }
    Plan plan = new Plan(options, out, report, history());
    // after every check, so that bad input stays one line
    warnIgnored(parts, "storage", "--disk-dir", diskDir);
    warnIgnored(parts, "storage", "--disk-size", diskSize);
    warnIgnored(parts, "storage", "--disk-read-only", diskReadOnly);
    warnIgnored(parts, "links", "--peer", peer);
    return plan;
  }

  /** The history store, checked (opened, migrated, writable) before anything is measured. */
  private Optional<HistoryStore> history() {
    if (noStore) {
      if (store.store != null) {
        throw new UsageException("--store and --no-store exclude each other; give one");
      }
      return Optional.empty();
    }
    return Optional.of(HistoryStore.openForWriting(store.location()));
  }

  static List<String> parts(String only) {
    if (only == null) {
      return Parts.names();
    }
    LinkedHashSet<String> asked = new LinkedHashSet<>();
    for (String p : only.split(",")) {
      String name = p.trim().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      if (!Parts.names().contains(name)) {
        throw new UsageException(
            "unknown part '"
                + p.trim()
                + "' in --only; choose from "
                + String.join(", ", Parts.names()));
      }
      asked.add(name);
    }
    if (asked.isEmpty()) {
      throw new UsageException(
          "--only needs at least one part: " + String.join(", ", Parts.names()));
    }
    List<String> ordered = new ArrayList<>();
    for (String name : Parts.names()) {
      if (asked.contains(name)) {
        ordered.add(name);
      }
    }
    return ordered;
  }

  private String commandLine() {
    // originalArgs() holds the whole command line, "measure" included
    List<String> words = new ArrayList<>();
    spec.commandLine()
        .getParseResult()
        .originalArgs()
        .forEach(a -> words.add(StoreLocation.redact(a)));
    return String.join(" ", words);
  }
}
