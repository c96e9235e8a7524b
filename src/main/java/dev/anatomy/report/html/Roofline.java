package dev.anatomy.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The roofs of the machine's roofline, read from a document: compute ceilings (FLOP/s) and
 * bandwidth ceilings (bytes/s).
 *
 * <p>When the document has a {@code model} section (the machine model) its ceilings are used:
 * {@code model.computeCeilings[]} with {@code name}, {@code flopsPerSecond} and optionally {@code
 * allCores} and {@code theoretical}; {@code model.bandwidthCeilings[]} with {@code name} (or {@code
 * tier}), {@code bytesPerSecond} and optionally {@code allCores}. Otherwise they come from the
 * measured figures: the FMA peaks of {@code compute.peakFlops}, the SIMD add throughput of {@code
 * compute.ilp} times the vector lanes, the scalar FMA throughput of {@code compute.ilp}, the
 * theoretical {@code compute.peakFlops.fp64Ceiling}, and each tier's triad bandwidth.
 *
 * @param compute compute ceilings, highest first
 * @param bandwidth bandwidth ceilings, highest first
 * @param notes how the ceilings were derived, and which are missing
 */
record Roofline(List<Ceiling> compute, List<Ceiling> bandwidth, List<String> notes) {
  /**
   * One roof.
   *
   * @param name the label, e.g. "FP64 SIMD + FMA, 1 core" or "L2 triad, 1 thread"
   * @param value FLOP/s for a compute ceiling, bytes/s for a bandwidth ceiling
   * @param allCores whether it is for all cores (else one core or one thread)
   * @param theoretical whether it is a specification, not a measurement
   */
  record Ceiling(String name, double value, boolean allCores, boolean theoretical) {}

  /**
   * Copies the lists.
   *
   * @param compute compute
   * @param bandwidth bandwidth
   * @param notes notes
   */
  Roofline {
    compute = List.copyOf(compute);
    bandwidth = List.copyOf(bandwidth);
    notes = List.copyOf(notes);
  }

  /**
   * Reads the roofs of a document.
   *
   * @param doc the document
   * @return the roofline, possibly with no ceiling at all
   */
  static Roofline of(JsonNode doc) {
    List<Ceiling> compute = new ArrayList<>();
    List<Ceiling> bandwidth = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    JsonNode model = doc.path("model");
    for (JsonNode c : model.path("computeCeilings")) {
      Nodes.positive(c.get("flopsPerSecond"))
          .ifPresent(
              v ->
                  compute.add(
                      new Ceiling(
                          c.path("name").asText("compute"),
                          v,
                          c.path("allCores").asBoolean(),
                          c.path("theoretical").asBoolean())));
    }
    for (JsonNode b : model.path("bandwidthCeilings")) {
      Nodes.positive(b.get("bytesPerSecond"))
          .ifPresent(
              v ->
                  bandwidth.add(
                      new Ceiling(
                          b.path("name").asText(b.path("tier").asText("memory")),
                          v,
                          b.path("allCores").asBoolean(),
                          false)));
    }
    if (compute.isEmpty()) {
      measuredCompute(doc, compute, notes);
    } else {
      notes.add("compute ceilings from the machine model (model.computeCeilings)");
    }
    if (bandwidth.isEmpty()) {
      measuredBandwidth(doc, bandwidth);
    } else {
      notes.add("bandwidth ceilings from the machine model (model.bandwidthCeilings)");
    }
    compute.sort((a, b) -> Double.compare(b.value(), a.value()));
    bandwidth.sort((a, b) -> Double.compare(b.value(), a.value()));
    if (compute.isEmpty()) {
      notes.add(new Absences(doc).sentence("compute ceilings", "compute.peakFlops"));
    }
    if (bandwidth.isEmpty()) {
      notes.add(new Absences(doc).sentence("bandwidth ceilings", "memory.levels"));
    }
    return new Roofline(compute, bandwidth, notes);
  }

  private static void measuredCompute(JsonNode doc, List<Ceiling> out, List<String> notes) {
    JsonNode c = doc.path("compute");
    JsonNode peak = c.path("peakFlops");
    Nodes.positive(peak.get("fp64PerCore"))
        .ifPresent(v -> out.add(new Ceiling("FP64 SIMD + FMA, 1 core", v, false, false)));
    Nodes.positive(peak.get("fp64AllCores"))
        .ifPresent(v -> out.add(new Ceiling("FP64 SIMD + FMA, all cores", v, true, false)));
    Nodes.positive(peak.get("fp64Ceiling"))
        .ifPresent(v -> out.add(new Ceiling("FP64 theoretical, all cores", v, true, true)));
    OptionalDouble clock = Nodes.positive(c.get("clockHz"));
    OptionalDouble bits = Nodes.positive(c.path("simd").get("vectorBits"));
    OptionalDouble add = bestIlp(c, "add");
    OptionalDouble fma = bestIlp(c, "fma");
    if (clock.isPresent() && add.isPresent() && bits.isPresent()) {
      double lanes = Math.max(1, Math.floor(bits.getAsDouble() / 64));
      out.add(
          new Ceiling(
              "FP64 SIMD add, 1 core",
              add.getAsDouble() * lanes * clock.getAsDouble(),
              false,
              false));
      notes.add(
          "SIMD add roof: the FP64 add throughput of compute.ilp (ops per cycle, most chains) x"
              + " clock x "
              + (int) lanes
              + " lanes");
    }
    if (clock.isPresent() && fma.isPresent()) {
      out.add(
          new Ceiling(
              "FP64 scalar FMA, 1 core",
              fma.getAsDouble() * 2 * clock.getAsDouble(),
              false,
              false));
      notes.add("scalar roof: the FMA throughput of compute.ilp x 2 FLOPs x clock");
    } else {
      OptionalDouble speedup = Nodes.positive(c.path("simd").get("speedupFp64"));
      OptionalDouble perCore = Nodes.positive(peak.get("fp64PerCore"));
      if (speedup.isPresent() && perCore.isPresent()) {
        out.add(
            new Ceiling(
                "FP64 scalar, 1 core",
                perCore.getAsDouble() / speedup.getAsDouble(),
                false,
                false));
        notes.add("scalar roof: the FP64 FMA peak / the measured SIMD speedup (compute.simd)");
      }
    }
  }

  /**
   * The highest throughput, in ops per cycle, of an FP64 operation in {@code compute.ilp}.
   *
   * @param compute the compute section
   * @param op "add", "fma", ...
   * @return ops per cycle, or empty
   */
  private static OptionalDouble bestIlp(JsonNode compute, String op) {
    double best = 0;
    for (JsonNode e : compute.path("ilp")) {
      String name = e.path("op").asText().toLowerCase(Locale.ROOT);
      boolean fp = name.contains("fp") || name.contains("double") || op.equals("fma");
      boolean fp32 = name.contains("32") || (name.contains("float") && !name.contains("double"));
      if (name.contains(op) && fp && !fp32 && !name.contains("int")) {
        best = Math.max(best, Nodes.positive(e.get("opsPerCycle")).orElse(0));
      }
    }
    return best > 0 ? OptionalDouble.of(best) : OptionalDouble.empty();
  }

  private static void measuredBandwidth(JsonNode doc, List<Ceiling> out) {
    for (Tier t : Tier.of(doc)) {
      t.figure("triadBytesPerSecond")
          .ifPresent(v -> out.add(new Ceiling(t.name() + " triad, 1 thread", v, false, false)));
      if (t.dram()) {
        t.figure("triadBytesPerSecondAllThreads")
            .ifPresent(v -> out.add(new Ceiling(t.name() + " triad, all threads", v, true, false)));
      }
    }
  }

  /**
   * The highest compute ceiling for one core or for all cores.
   *
   * @param allCores which scope
   * @return FLOP/s, or empty when there is none for that scope
   */
  OptionalDouble peak(boolean allCores) {
    return compute.stream()
        .filter(c -> c.allCores() == allCores && !c.theoretical())
        .mapToDouble(Ceiling::value)
        .max();
  }

  /**
   * The highest bandwidth ceiling for one thread or all threads.
   *
   * @param allCores which scope
   * @return bytes/s, or empty
   */
  OptionalDouble topBandwidth(boolean allCores) {
    return bandwidth.stream()
        .filter(b -> b.allCores() == allCores)
        .mapToDouble(Ceiling::value)
        .max();
  }

  /**
   * What a kernel of some arithmetic intensity can reach: the lowest roof above it.
   *
   * @param flopsPerByte arithmetic intensity
   * @param bytesPerSecond the bandwidth of the tier its data lives in
   * @param allCores whether it runs on all cores
   * @return FLOP/s: min(peak, bandwidth x intensity); bandwidth x intensity without a compute roof
   */
  double attainable(double flopsPerByte, double bytesPerSecond, boolean allCores) {
    double memory = bytesPerSecond * flopsPerByte;
    OptionalDouble p = peak(allCores);
    return p.isPresent() ? Math.min(p.getAsDouble(), memory) : memory;
  }
}
