package dev.anatomy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.anatomy.model.Access;
import dev.anatomy.model.KernelSpec;
import dev.anatomy.model.MachineModel;
import dev.anatomy.model.ModelBuilder;
import dev.anatomy.model.Prediction;
import dev.anatomy.model.PredictionJson;
import dev.anatomy.model.Predictor;
import dev.anatomy.report.html.HtmlReport;
import dev.anatomy.result.Json;
import dev.anatomy.result.SchemaVersion;
import dev.anatomy.run.Sizes;
import dev.anatomy.run.UsageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code anatomy predict}: how fast a kernel will run on a measured machine, and what limits it.
 *
 * <pre>
 * anatomy predict --flops-per-iteration 2 --bytes-read-per-iteration 16 \
 *     --bytes-written-per-iteration 8 --iterations 1e9 --working-set 3GiB --vectorised yes --fma yes
 * </pre>
 */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description =
        "Predict a kernel's time on a measured machine (the newest recorded run, --run or"
            + " --from), with the bound and its distance to every ceiling.")
final class PredictCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin RunChoice source;

  @Option(
      names = "--kernel",
      paramLabel = "FILE",
      description = "A kernel description (JSON or YAML); flags override it.")
  String kernelFile;

  @Option(names = "--name", description = "A label for the kernel.")
  String name;

  @Option(
      names = "--flops-per-iteration",
      paramLabel = "N",
      description = "Floating-point operations per iteration (an FMA counts 2).")
  Double flops;

  @Option(
      names = "--bytes-read-per-iteration",
      paramLabel = "N",
      description = "Bytes loaded per iteration.")
  Double bytesRead;

  @Option(
      names = "--bytes-written-per-iteration",
      paramLabel = "N",
      description = "Bytes stored per iteration (write-allocate traffic not counted).")
  Double bytesWritten;

  @Option(
      names = "--iterations",
      paramLabel = "N",
      description = "Iterations over all threads, e.g. 1e9.")
  Double iterations;

  @Option(
      names = "--working-set",
      paramLabel = "SIZE",
      description = "Bytes the kernel touches, e.g. 3GiB.")
  String workingSet;

  @Option(
      names = "--access",
      paramLabel = "PATTERN",
      description =
          "sequential (default), strided:BYTES, random (independent loads that overlap),"
              + " random:F (a share F of them waits its whole latency: a branch on the loaded"
              + " value mispredicts, as in a hash probe) or dependent (a linked list).")
  String access;

  @Option(names = "--precision", paramLabel = "fp32|fp64", description = "Default fp64.")
  String precision;

  @Option(names = "--threads", paramLabel = "N", description = "Default 1.")
  Integer threads;

  @Option(
      names = "--serial-fraction",
      paramLabel = "P",
      description = "Share of single-thread time that stays serial; default 0.")
  Double serialFraction;

  @Option(
      names = "--vectorised",
      paramLabel = "yes|no",
      description = "Whether the loop runs on SIMD lanes; default no.")
  String vectorised;

  @Option(
      names = "--fma",
      paramLabel = "yes|no",
      description = "Whether multiplies and adds are fused; default no.")
  String fma;

  @Option(
      names = "--core-ns-per-iteration",
      paramLabel = "NS",
      description =
          "In-core time of one iteration on one thread with the data in L1 (ECM's T_core:"
              + " time the loop on an L1-sized set, or take it from a static analysis);"
              + " default: unknown, only the flops bound the core.")
  Double coreNs;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the prediction here.")
  String json;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description = "Draw the kernel on the machine's roofline here.")
  String html;

  @Override
  public Integer call() {
    Optional<OutputFile> jsonOut =
        json == null ? Optional.empty() : Optional.of(OutputFile.check("--json", json));
    Optional<OutputFile> htmlOut =
        html == null ? Optional.empty() : Optional.of(OutputFile.check("--html", html));
    List<OutputFile> files = Stream.of(jsonOut, htmlOut).flatMap(Optional::stream).toList();
    OutputFile.requireDistinct(files);
    files.forEach(f -> f.requireNotInput(source.from, "document (--from)"));
    KernelSpec kernel = kernel();
    ObjectNode doc = source.load();
    long memory = doc.path("machine").path("memoryTotalBytes").asLong(0);
    if (memory > 0 && kernel.workingSetBytes() > memory) {
      throw new UsageException(
          "--working-set "
              + Sizes.format(kernel.workingSetBytes())
              + " is beyond this machine's memory ("
              + Sizes.format(memory)
              + ")");
    }
    MachineModel model =
        ModelBuilder.of(doc)
            .orElseThrow(
                () ->
                    new UsageException(
                        "the run has no memory or compute figures to predict from (measured: "
                            + doc.path("run").path("partsMeasured")
                            + "); measure with --only compute,memory"));
    Prediction p = Predictor.predict(model, kernel);
    ObjectNode section = PredictionJson.write(p);
    PrintWriter out = spec.commandLine().getOut();
    out.print(PredictionText.render(p, doc));
    out.flush();
    if (jsonOut.isPresent()) {
      ObjectNode o = Json.object();
      o.put("schemaVersion", SchemaVersion.CURRENT);
      o.put("runId", doc.path("run").path("id").asText());
      o.set("prediction", section);
      jsonOut.get().write(Json.write(o));
    }
    htmlOut.ifPresent(f -> f.write(new HtmlReport().renderPrediction(doc, section)));
    return ExitCodes.OK;
  }

  /** The kernel from the file, then the flags; every missing figure named. */
  KernelSpec kernel() {
    JsonNode file = kernelFile == null ? Json.object() : readKernelFile(Path.of(kernelFile));
    double it = number(iterations, file, "iterations", "--iterations");
    long ws =
        workingSet != null
            ? Sizes.parse("--working-set", workingSet)
            : (long) number(null, file, "workingSetBytes", "--working-set");
    return new KernelSpec(
        name != null ? name : file.path("name").asText("kernel"),
        optional(flops, file, "flopsPerIteration"),
        optional(bytesRead, file, "bytesReadPerIteration"),
        optional(bytesWritten, file, "bytesWrittenPerIteration"),
        it,
        ws,
        Access.parse(access != null ? access : file.path("access").asText("sequential")),
        precision(precision != null ? precision : file.path("precision").asText("fp64")),
        threads != null ? threads : file.path("threads").asInt(1),
        serialFraction != null ? serialFraction : file.path("serialFraction").asDouble(0),
        yesNo("--vectorised", vectorised, file.path("vectorised")),
        yesNo("--fma", fma, file.path("fma")),
        optional(coreNs, file, "coreNsPerIteration"));
  }

  static JsonNode readKernelFile(Path p) {
    if (!Files.isRegularFile(p)) {
      throw new UsageException("--kernel " + p + ": no such file");
    }
    String lower = p.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean yaml = lower.endsWith(".yaml") || lower.endsWith(".yml");
    ObjectMapper mapper = yaml ? new ObjectMapper(new YAMLFactory()) : Json.MAPPER;
    try {
      JsonNode n = mapper.readTree(p.toFile());
      if (n == null || !n.isObject()) {
        throw new UsageException(
            "--kernel " + p + ": not a kernel description (an object of figures)");
      }
      checkKernelKeys(p, n);
      return n;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UsageException(
          "--kernel "
              + p
              + ": not valid "
              + (yaml ? "YAML" : "JSON")
              + ": "
              + firstLine(e.getOriginalMessage())
              + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"),
          e);
    } catch (IOException e) {
      throw new UsageException(
          "--kernel " + p + ": cannot be read: " + firstLine(e.getMessage()), e);
    }
  }

  /** The keys a kernel file may hold, each with the kind of value it takes. */
  private static final Map<String, String> KERNEL_KEYS =
      Map.ofEntries(
          Map.entry("name", "text"),
          Map.entry("flopsPerIteration", "number"),
          Map.entry("bytesReadPerIteration", "number"),
          Map.entry("bytesWrittenPerIteration", "number"),
          Map.entry("iterations", "number"),
          Map.entry("workingSetBytes", "number"),
          Map.entry("coreNsPerIteration", "number"),
          Map.entry("serialFraction", "number"),
          Map.entry("threads", "whole number"),
          Map.entry("access", "text"),
          Map.entry("precision", "text"),
          Map.entry("vectorised", "true or false"),
          Map.entry("fma", "true or false"));

  /**
   * Refuses a misspelt key or a value of the wrong kind, which would otherwise fall back to a
   * default without a word ({@code "threads": "many"} read as 1).
   */
  static void checkKernelKeys(Path p, JsonNode n) {
    for (var e : n.properties()) {
      String kind = KERNEL_KEYS.get(e.getKey());
      if (kind == null) {
        throw new UsageException(
            "--kernel "
                + p
                + ": unknown key \""
                + e.getKey()
                + "\" (known: "
                + String.join(", ", new java.util.TreeSet<>(KERNEL_KEYS.keySet()))
                + ")");
      }
      JsonNode v = e.getValue();
      boolean ok =
          switch (kind) {
            case "number" -> v.isNumber();
            case "whole number" -> v.isIntegralNumber() && v.canConvertToInt();
            case "true or false" ->
                v.isBoolean() || (v.isTextual() && v.asText().matches("(?i)yes|no|true|false"));
            default -> v.isTextual();
          };
      if (!ok) {
        throw new UsageException(
            "--kernel " + p + ": \"" + e.getKey() + "\" must be " + article(kind) + ", was " + v);
      }
    }
  }

  private static String article(String kind) {
    return kind.startsWith("true") ? kind : "a " + kind;
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  private static double number(Double flag, JsonNode file, String key, String option) {
    if (flag != null) {
      return flag;
    }
    JsonNode v = file.get(key);
    if (v == null || !v.isNumber()) {
      throw new UsageException("missing " + option + " (or \"" + key + "\" in --kernel FILE)");
    }
    return v.asDouble();
  }

  private static double optional(Double flag, JsonNode file, String key) {
    return flag != null ? flag : file.path(key).asDouble(0);
  }

  private static KernelSpec.Precision precision(String p) {
    return switch (p.toLowerCase(Locale.ROOT)) {
      case "fp64", "double" -> KernelSpec.Precision.FP64;
      case "fp32", "float" -> KernelSpec.Precision.FP32;
      default -> throw new UsageException("--precision must be fp32 or fp64, was '" + p + "'");
    };
  }

  private static boolean yesNo(String option, String flag, JsonNode file) {
    if (flag == null) {
      return file.isBoolean() ? file.asBoolean() : "yes".equalsIgnoreCase(file.asText("no"));
    }
    return switch (flag.toLowerCase(Locale.ROOT)) {
      case "yes", "true" -> true;
      case "no", "false" -> false;
      default -> throw new UsageException(option + " must be yes or no, was '" + flag + "'");
    };
  }
}
