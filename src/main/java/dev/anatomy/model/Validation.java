package dev.anatomy.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.model.MachineModel.Tier;
import dev.anatomy.result.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Model against measurement, as JOL checks its layout model against the real VM: the suite's
 * kernels, measured in every tier and at 1..N threads, beside what the model predicts for their
 * declared flops and bytes.
 */
public final class Validation {
  /**
   * The largest working set the suite runs: its kernels keep their arrays on the measuring JVM's
   * heap (1 GiB), every size and thread count of one kernel at once so that their samples can be
   * interleaved, which is about twice the largest set. Where 4x the largest cache is more, the
   * memory figure is taken at this size, still past the caches the model found up to 64 MiB.
   */
  public static final long LARGEST_SUITE_BYTES = 256L << 20;

  private Validation() {}

  /**
   * One kernel at one size and thread count.
   *
   * @param name kernel
   * @param workingSetBytes working set
   * @param threads threads
   * @param measuredSeconds best measured time
   * @param prediction the model's prediction
   * @param calibration whether this run gave the kernel its in-core time (one thread, the smallest
   *     set): its prediction is its own measurement, so it is left out of the error figures
   */
  public record KernelResult(
      String name,
      long workingSetBytes,
      int threads,
      double measuredSeconds,
      Prediction prediction,
      boolean calibration) {
    /**
     * Signed relative error of the prediction.
     *
     * @return (predicted - measured) / measured
     */
    public double error() {
      return (prediction.predictedSeconds() - measuredSeconds) / measuredSeconds;
    }
  }

  /**
   * The whole comparison.
   *
   * @param kernels every kernel at every size and thread count, calibration runs included
   */
  public record Result(List<KernelResult> kernels) {
    /**
     * Copies the list.
     *
     * @param kernels kernels
     */
    public Result {
      kernels = List.copyOf(kernels);
    }

    /**
     * The runs the error figures are taken over: all but the calibration runs.
     *
     * @return the predicted runs
     */
    public List<KernelResult> predicted() {
      return kernels.stream().filter(k -> !k.calibration()).toList();
    }

    /**
     * Median of |error|.
     *
     * @return a fraction, 0.1 = 10%
     */
    public double medianAbsError() {
      return percentile(50);
    }

    /**
     * 90th percentile of |error|.
     *
     * @return a fraction
     */
    public double p90AbsError() {
      return percentile(90);
    }

    private double percentile(double p) {
      List<KernelResult> judged = predicted();
      if (judged.isEmpty()) {
        return Double.NaN;
      }
      double[] e = judged.stream().mapToDouble(k -> Math.abs(k.error())).sorted().toArray();
      double rank = p / 100 * (e.length - 1);
      int lo = (int) Math.floor(rank);
      int hi = (int) Math.ceil(rank);
      return e[lo] + (e[hi] - e[lo]) * (rank - lo);
    }
  }

  /**
   * Working sets for the suite, one per tier: half of each cache's measured size, and for memory 4x
   * the largest cache (at least 64 MiB), within the largest size the run measured.
   *
   * @param m the model
   * @param largestBytes the largest working set allowed
   * @return ascending sizes
   */
  public static List<Long> suiteSizes(MachineModel m, long largestBytes) {
    TreeSet<Long> sizes = new TreeSet<>();
    long largestCache = 0;
    for (Tier t : m.tiers()) {
      if (t.capacityBytes() > 0) {
        sizes.add(Math.max(8192, t.capacityBytes() / 2));
        largestCache = Math.max(largestCache, t.capacityBytes());
      }
    }
    if (m.tiers().stream().anyMatch(t -> t.capacityBytes() <= 0)) {
      sizes.add(Math.min(largestBytes, Math.max(64L << 20, 4 * largestCache)));
    }
    return new ArrayList<>(sizes);
  }

  /**
   * Predicts every run the suite measured and pairs them.
   *
   * <p>Each kernel's in-core time (ECM's T_core) is measured, not guessed: its run on one thread at
   * the smallest working set (an L1- or L2-sized set) gives the nanoseconds of one iteration with
   * the data next to the core. That run is the calibration, shown but left out of the error
   * figures; every other size and thread count is predicted from it, the kernel's declared flops
   * and bytes, and the machine's measured ceilings.
   *
   * @param m the model
   * @param suiteSection the validation part's section ({@code runs[]})
   * @return the comparison
   */
  public static Result compare(MachineModel m, JsonNode suiteSection) {
    Map<String, JsonNode> calibrations = calibrations(suiteSection);
    List<KernelResult> out = new ArrayList<>();
    for (JsonNode r : suiteSection.path("runs")) {
      JsonNode cal = calibrations.get(r.path("name").asText());
      KernelSpec spec = spec(r).withCoreNsPerIteration(coreNs(cal));
      out.add(
          new KernelResult(
              spec.name(),
              spec.workingSetBytes(),
              spec.threads(),
              r.path("measuredSeconds").asDouble(),
              Predictor.predict(m, spec),
              cal != null
                  && r.path("threads").asInt(1) == 1
                  && r.path("workingSetBytes").asLong() == cal.path("workingSetBytes").asLong()));
    }
    return new Result(out);
  }

  /** For each kernel, its one-thread run at the smallest working set. */
  static Map<String, JsonNode> calibrations(JsonNode suiteSection) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode r : suiteSection.path("runs")) {
      if (r.path("threads").asInt(1) != 1) {
        continue;
      }
      JsonNode best = out.get(r.path("name").asText());
      if (best == null
          || r.path("workingSetBytes").asLong() < best.path("workingSetBytes").asLong()) {
        out.put(r.path("name").asText(), r);
      }
    }
    return out;
  }

  /** Nanoseconds per iteration of a one-thread run; 0 without one. */
  static double coreNs(JsonNode run) {
    if (run == null) {
      return 0;
    }
    double it = run.path("iterations").asDouble();
    double s = run.path("measuredSeconds").asDouble();
    return it > 0 && s > 0 ? s / it * 1e9 : 0;
  }

  /** The kernel a measured run declares. */
  static KernelSpec spec(JsonNode r) {
    return new KernelSpec(
        r.path("name").asText(),
        r.path("flopsPerIteration").asDouble(),
        r.path("bytesReadPerIteration").asDouble(),
        r.path("bytesWrittenPerIteration").asDouble(),
        r.path("iterations").asDouble(),
        r.path("workingSetBytes").asLong(),
        Access.parse(r.path("access").asText("sequential")),
        KernelSpec.Precision.FP64,
        r.path("threads").asInt(1),
        0,
        r.path("vectorised").asBoolean(),
        r.path("fma").asBoolean(false));
  }

  /**
   * The validation section: {@code kernels[]} with name, workingSetBytes, threads,
   * predictedSeconds, measuredSeconds, error, bound, and the median and 90th-percentile error.
   *
   * @param r the comparison
   * @return the section
   */
  public static ObjectNode toJson(Result r) {
    ObjectNode o = Json.object();
    ArrayNode kernels = o.putArray("kernels");
    for (KernelResult k : r.kernels()) {
      ObjectNode e = kernels.addObject();
      Prediction p = k.prediction();
      e.put("name", k.name());
      e.put("workingSetBytes", k.workingSetBytes());
      e.put("threads", k.threads());
      e.put("predictedSeconds", p.predictedSeconds());
      e.put("measuredSeconds", k.measuredSeconds());
      e.put("error", k.error());
      e.put("calibration", k.calibration());
      e.put("coreNsPerIteration", p.kernel().coreNsPerIteration());
      e.put("computeSeconds", p.computeSeconds());
      e.put("dataSeconds", p.dataSeconds());
      ObjectNode b = e.putObject("bound");
      b.put("kind", p.bound().kind());
      b.put("tier", p.bound().tier());
      KernelSpec s = p.kernel();
      e.put("flopsPerIteration", s.flopsPerIteration());
      e.put("bytesPerIteration", s.bytesReadPerIteration() + s.bytesWrittenPerIteration());
      e.put("iterations", s.iterations());
      e.put("access", s.access().toString());
      e.put("measuredFlopsPerSecond", s.totalFlops() / k.measuredSeconds());
      e.put("predictedFlopsPerSecond", p.attainableFlopsPerSecond());
      e.put("measuredBytesPerSecond", s.totalBytes() / k.measuredSeconds());
      e.put("predictedBytesPerSecond", p.attainableBytesPerSecond());
    }
    o.put("medianAbsError", r.medianAbsError());
    o.put("predictedRuns", r.predicted().size());
    o.put("p90AbsError", r.p90AbsError());
    o.put(
        "method",
        "each kernel declares its flops and bytes per iteration and its access pattern; its"
            + " in-core time per iteration (ECM's T_core) is measured on one thread at the"
            + " smallest working set (the calibration run, left out of the error figures); the"
            + " prediction uses the model of the same run; error = (predicted - measured) /"
            + " measured, measured = the best sample");
    return o;
  }

  static double[] absErrors(Result r) {
    return r.kernels().stream().mapToDouble(k -> Math.abs(k.error())).toArray();
  }

  static String describe(Result r) {
    return Arrays.toString(absErrors(r));
  }
}
