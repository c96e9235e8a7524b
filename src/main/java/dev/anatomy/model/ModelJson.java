package dev.anatomy.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.model.MachineModel.ComputeCeiling;
import dev.anatomy.model.MachineModel.Scaling;
import dev.anatomy.model.MachineModel.Tier;
import dev.anatomy.result.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The model section of the document: {@link MachineModel} written out and read back. */
public final class ModelJson {
  private ModelJson() {}

  /**
   * Writes the model section.
   *
   * @param m the model
   * @return the section
   */
  public static ObjectNode write(MachineModel m) {
    ObjectNode o = Json.object();
    o.put("version", MachineModel.VERSION);
    o.put("cores", m.cores());
    o.put("clockHz", m.clockHz());
    ArrayNode tiers = o.putArray("tiers");
    for (Tier t : m.tiers()) {
      ObjectNode e = tiers.addObject();
      e.put("name", t.name());
      e.put("capacityBytes", t.capacityBytes());
      e.put("latencyNs", t.latencyNs());
      e.put("privatePerCore", t.privatePerCore());
    }
    ArrayNode ceilings = o.putArray("bandwidthCeilings");
    for (Tier t : m.tiers()) {
      long at = t.capacityBytes() > 0 ? t.capacityBytes() / 2 : Long.MAX_VALUE;
      for (String kind : List.of("read", "write", "copy", "triad")) {
        for (int threads : new java.util.TreeSet<>(List.of(1, m.cores()))) {
          m.bandwidthCurve(kind, threads)
              .filter(e -> e.getKey() == threads)
              .ifPresent(
                  e -> {
                    long size =
                        at == Long.MAX_VALUE
                            ? e.getValue()
                                .points()
                                .get(e.getValue().points().size() - 1)
                                .sizeBytes()
                            : at;
                    ObjectNode c = ceilings.addObject();
                    c.put("name", t.name() + " " + kind + (threads > 1 ? ", all cores" : ""));
                    c.put("tier", t.name());
                    c.put("traffic", kind);
                    c.put("threads", threads);
                    c.put("allCores", threads == m.cores() && threads > 1);
                    c.put("workingSetBytes", size);
                    c.put("bytesPerSecond", e.getValue().at(size));
                  });
        }
      }
    }
    ObjectNode curves = o.putObject("bandwidthCurves");
    m.bandwidth()
        .forEach(
            (kind, byThreads) -> {
              ObjectNode k = curves.putObject(kind);
              byThreads.forEach((t, c) -> k.set(String.valueOf(t), points(c)));
            });
    ObjectNode lat = o.putObject("latencyCurves");
    lat.set("random", points(m.latencyRandom()));
    lat.set("tlb-grouped", points(m.latencyGrouped()));
    o.put("memoryLevelParallelism", m.memoryLevelParallelism());
    ArrayNode compute = o.putArray("computeCeilings");
    for (ComputeCeiling c : m.compute()) {
      ObjectNode e = compute.addObject();
      e.put("name", c.name());
      e.put("precision", c.precision().name().toLowerCase(java.util.Locale.ROOT));
      e.put("simd", c.simd());
      e.put("fma", c.fma());
      e.put("allCores", c.allCores());
      e.put("theoretical", false);
      e.put("flopsPerSecond", c.flopsPerSecond());
      e.put("source", c.source());
    }
    m.scaling()
        .ifPresent(
            s -> {
              ObjectNode e = o.putObject("scaling");
              e.put("amdahlSerialFraction", s.amdahlSerialFraction());
              if (Double.isFinite(s.uslSigma())) {
                e.put("uslSigma", s.uslSigma());
                e.put("uslKappa", s.uslKappa());
              }
            });
    return o;
  }

  private static ArrayNode points(Curve c) {
    ArrayNode a = Json.array();
    for (Curve.Point p : c.points()) {
      ArrayNode pair = a.addArray();
      pair.add(p.sizeBytes());
      pair.add(p.value());
    }
    return a;
  }

  private static Curve curve(JsonNode a) {
    List<Curve.Point> points = new ArrayList<>();
    for (JsonNode pair : a) {
      points.add(new Curve.Point(pair.get(0).asLong(), pair.get(1).asDouble()));
    }
    return new Curve(points);
  }

  /**
   * Reads a model section written by {@link #write}.
   *
   * @param o the section
   * @return the model
   */
  public static MachineModel read(JsonNode o) {
    List<Tier> tiers = new ArrayList<>();
    for (JsonNode t : o.path("tiers")) {
      tiers.add(
          new Tier(
              t.path("name").asText(),
              t.path("capacityBytes").asLong(),
              t.path("latencyNs").asDouble(),
              t.path("privatePerCore").asBoolean()));
    }
    Map<String, Map<Integer, Curve>> bandwidth = new HashMap<>();
    o.path("bandwidthCurves")
        .properties()
        .forEach(
            kind -> {
              Map<Integer, Curve> byThreads = new TreeMap<>();
              kind.getValue()
                  .properties()
                  .forEach(t -> byThreads.put(Integer.parseInt(t.getKey()), curve(t.getValue())));
              bandwidth.put(kind.getKey(), byThreads);
            });
    List<ComputeCeiling> compute = new ArrayList<>();
    for (JsonNode c : o.path("computeCeilings")) {
      compute.add(
          new ComputeCeiling(
              KernelSpec.Precision.valueOf(
                  c.path("precision").asText().toUpperCase(java.util.Locale.ROOT)),
              c.path("simd").asBoolean(),
              c.path("fma").asBoolean(),
              c.path("allCores").asBoolean(),
              c.path("flopsPerSecond").asDouble(),
              c.path("source").asText("")));
    }
    JsonNode s = o.get("scaling");
    Optional<Scaling> scaling =
        s == null || !s.isObject()
            ? Optional.empty()
            : Optional.of(
                new Scaling(
                    s.path("amdahlSerialFraction").asDouble(),
                    s.path("uslSigma").asDouble(Double.NaN),
                    s.path("uslKappa").asDouble(Double.NaN)));
    return new MachineModel(
        o.path("cores").asInt(1),
        o.path("clockHz").asDouble(0),
        tiers,
        bandwidth,
        curve(o.path("latencyCurves").path("random")),
        curve(o.path("latencyCurves").path("tlb-grouped")),
        o.path("memoryLevelParallelism").asDouble(1),
        compute,
        scaling);
  }
}
