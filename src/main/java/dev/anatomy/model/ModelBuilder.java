package dev.anatomy.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anatomy.model.MachineModel.ComputeCeiling;
import dev.anatomy.model.MachineModel.Scaling;
import dev.anatomy.model.MachineModel.Tier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds the {@link MachineModel} from a run's measured sections ({@code memory}, {@code compute},
 * {@code machine}). Every ceiling comes from a measurement; what was not measured is simply absent,
 * and a prediction that needs it says so.
 */
public final class ModelBuilder {
  private ModelBuilder() {}

  /**
   * The model of a run: its {@code model} section if it has one, else built from its measured
   * sections.
   *
   * @param doc a document
   * @return the model, empty if the run measured neither memory nor compute
   */
  public static Optional<MachineModel> of(JsonNode doc) {
    JsonNode stored = doc.get("model");
    if (stored != null
        && stored.isObject()
        && stored.path("version").asInt() == MachineModel.VERSION) {
      return Optional.of(ModelJson.read(stored));
    }
    return build(doc);
  }

  /**
   * Builds the model from the measured sections.
   *
   * @param doc a document
   * @return the model, empty if the run measured neither memory nor compute
   */
  public static Optional<MachineModel> build(JsonNode doc) {
    JsonNode mem = doc.path("memory");
    JsonNode cpu = doc.path("compute");
    if (!mem.isObject() && !cpu.isObject()) {
      return Optional.empty();
    }
    int cores = Math.max(1, doc.path("environment").path("allowedCpus").size());
    return Optional.of(
        new MachineModel(
            cores,
            cpu.path("clockHz").asDouble(0),
            tiers(mem, doc.path("machine")),
            bandwidth(mem),
            latency(mem, "random"),
            latency(mem, "tlb-grouped"),
            mlp(mem),
            compute(cpu),
            scaling(cpu)));
  }

  static List<Tier> tiers(JsonNode mem, JsonNode machine) {
    List<Tier> tiers = new ArrayList<>();
    int logical = machine.path("logicalCpus").asInt(1);
    for (JsonNode l : mem.path("levels")) {
      String name = l.path("name").asText();
      JsonNode size = l.get("sizeBytes");
      long capacity = size == null || !size.isNumber() ? 0 : size.asLong();
      boolean isPrivate = false;
      if (name.startsWith("L")) {
        int level = Integer.parseInt(name.substring(1));
        for (JsonNode c : machine.path("caches")) {
          if (c.path("level").asInt() == level && !"Instruction".equals(c.path("type").asText())) {
            // cpuid's figures name no sharing: its level 1 and 2 are per core on the CPUs it
            // describes, a level 3 is taken as shared
            JsonNode shared = c.path("sharedCpus");
            isPrivate = shared.isEmpty() ? level <= 2 : shared.size() < logical || logical == 1;
          }
        }
      }
      tiers.add(new Tier(name, capacity, l.path("latencyNs").asDouble(0), isPrivate));
    }
    return tiers;
  }

  static Map<String, Map<Integer, Curve>> bandwidth(JsonNode mem) {
    Map<String, Map<Integer, List<Curve.Point>>> points = new HashMap<>();
    for (JsonNode p : mem.path("bandwidthCurve")) {
      points
          .computeIfAbsent(p.path("kernel").asText(), k -> new TreeMap<>())
          .computeIfAbsent(p.path("threads").asInt(1), t -> new ArrayList<>())
          .add(new Curve.Point(p.path("sizeBytes").asLong(), p.path("bytesPerSecond").asDouble()));
    }
    Map<String, Map<Integer, Curve>> out = new HashMap<>();
    points.forEach(
        (kernel, byThreads) -> {
          Map<Integer, Curve> curves = new TreeMap<>();
          byThreads.forEach((t, list) -> curves.put(t, new Curve(list)));
          out.put(kernel, curves);
        });
    return out;
  }

  static Curve latency(JsonNode mem, String variant) {
    List<Curve.Point> points = new ArrayList<>();
    for (JsonNode p : mem.path("latencyCurve")) {
      if (variant.equals(p.path("variant").asText()) && p.path("pageSizeBytes").asLong() == 4096) {
        points.add(new Curve.Point(p.path("sizeBytes").asLong(), p.path("latencyNs").asDouble()));
      }
    }
    return new Curve(points);
  }

  static double mlp(JsonNode mem) {
    double best = 1;
    for (JsonNode c : mem.path("memoryLevelParallelism").path("chains")) {
      best = Math.max(best, c.path("speedup").asDouble(1));
    }
    return best;
  }

  /**
   * Compute ceilings from the measured figures: SIMD+FMA is the measured peak; scalar FMA and
   * scalar add/multiply come from the instruction-level-parallelism probe's best throughput times
   * the clock; SIMD without FMA is the scalar add/multiply rate times the lanes. All-core ceilings
   * scale the per-core ones by the measured all-core peak over the per-core peak.
   */
  static List<ComputeCeiling> compute(JsonNode cpu) {
    List<ComputeCeiling> out = new ArrayList<>();
    JsonNode peak = cpu.path("peakFlops");
    double clock = cpu.path("clockHz").asDouble(0);
    double addMul = Math.max(bestOps(cpu, "fp64-add"), bestOps(cpu, "fp64-mul"));
    double fma = bestOps(cpu, "fp64-fma");
    for (KernelSpec.Precision p : KernelSpec.Precision.values()) {
      String key = p == KernelSpec.Precision.FP64 ? "fp64" : "fp32";
      JsonNode perCore = peak.get(key + "PerCore");
      if (perCore == null || !perCore.isNumber()) {
        continue;
      }
      double simdFma = perCore.asDouble();
      JsonNode all = peak.get(key + "AllCores");
      double scale = all != null && all.isNumber() && simdFma > 0 ? all.asDouble() / simdFma : 1;
      int lanes =
          cpu.path("simd")
              .path(p == KernelSpec.Precision.FP64 ? "lanesFp64" : "lanesFp32")
              .asInt(1);
      add(
          out,
          p,
          true,
          true,
          simdFma,
          scale,
          "measured peak (compute.peakFlops." + key + "PerCore)");
      if (clock > 0 && fma > 0) {
        add(
            out,
            p,
            false,
            true,
            fma * 2 * clock,
            scale,
            "FMA ops/cycle x 2 x clockHz (compute.ilp)");
      }
      if (clock > 0 && addMul > 0) {
        add(out, p, false, false, addMul * clock, scale, "add/multiply ops/cycle x clockHz");
        add(
            out,
            p,
            true,
            false,
            addMul * clock * lanes,
            scale,
            "add/multiply ops/cycle x clockHz x " + lanes + " lanes");
      }
    }
    return out;
  }

  private static void add(
      List<ComputeCeiling> out,
      KernelSpec.Precision p,
      boolean simd,
      boolean fma,
      double perCore,
      double allCoresScale,
      String source) {
    out.add(new ComputeCeiling(p, simd, fma, false, perCore, source));
    out.add(
        new ComputeCeiling(
            p, simd, fma, true, perCore * allCoresScale, source + ", scaled to all cores"));
  }

  private static double bestOps(JsonNode cpu, String op) {
    double best = 0;
    for (JsonNode s : cpu.path("ilpSummary")) {
      if (op.equals(s.path("op").asText())) {
        best = Math.max(best, s.path("bestOpsPerCycle").asDouble(0));
      }
    }
    if (best == 0) {
      for (JsonNode s : cpu.path("ilp")) {
        if (op.equals(s.path("op").asText())) {
          best = Math.max(best, s.path("opsPerCycle").asDouble(0));
        }
      }
    }
    return best;
  }

  static Optional<Scaling> scaling(JsonNode cpu) {
    JsonNode s = cpu.path("scaling");
    JsonNode amdahl = findNumber(s, "amdahlSerialFraction");
    if (amdahl == null) {
      return Optional.empty();
    }
    JsonNode usl = s.path("usl");
    return Optional.of(
        new Scaling(
            amdahl.asDouble(),
            usl.path("sigma").asDouble(Double.NaN),
            usl.path("kappa").asDouble(Double.NaN)));
  }

  /** The first number under a key anywhere below a node (sections nest their fits). */
  static JsonNode findNumber(JsonNode node, String key) {
    if (node == null || !node.isContainerNode()) {
      return null;
    }
    JsonNode direct = node.get(key);
    if (direct != null && direct.isNumber()) {
      return direct;
    }
    for (JsonNode child : node) {
      JsonNode found = findNumber(child, key);
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}
