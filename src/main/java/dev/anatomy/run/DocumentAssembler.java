package dev.anatomy.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.harness.NoiseRecord;
import dev.anatomy.harness.TimerInfo;
import dev.anatomy.inventory.Machine;
import dev.anatomy.result.Figure;
import dev.anatomy.result.Figures;
import dev.anatomy.result.Json;
import dev.anatomy.result.PartResult;
import dev.anatomy.result.SchemaVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the parts' results together into one document: schema version, run, environment, machine,
 * one section per part, figures derived across parts, and every reason a figure is unavailable.
 */
public final class DocumentAssembler {
  private DocumentAssembler() {}

  /**
   * Assembles the document.
   *
   * @param run who, when, what
   * @param finishedAt when measuring ended
   * @param machine the inventory
   * @param timer the timer's granularity
   * @param outcomes each measured part's result, in order
   * @param failures part name to the reason it could not be measured
   * @param partial true if the run was interrupted before every part was measured
   * @param cpus the CPUs the process could use
   * @return the document
   */
  public static ObjectNode assemble(
      RunInfo run,
      Instant finishedAt,
      Machine machine,
      TimerInfo timer,
      List<Forker.Outcome> outcomes,
      Map<String, String> failures,
      boolean partial,
      int[] cpus) {
    ObjectNode doc = Json.object();
    doc.put("schemaVersion", SchemaVersion.CURRENT);
    doc.set("run", runSection(run, finishedAt, outcomes, partial));
    List<NoiseRecord> noise = new ArrayList<>();
    ObjectNode jvm = null;
    for (Forker.Outcome o : outcomes) {
      noise.addAll(o.result().noise());
      if (jvm == null) {
        jvm = o.jvm();
      }
    }
    doc.set("environment", EnvironmentInfo.environment(machine, timer, jvm, noise, cpus));
    doc.set("machine", Json.tree(machine));
    Map<String, String> unavailable = new LinkedHashMap<>();
    for (Forker.Outcome o : outcomes) {
      PartResult r = o.result();
      doc.set(r.part(), r.section());
      unavailable.putAll(r.unavailable());
    }
    failures.forEach(unavailable::put);
    derive(doc);
    ObjectNode u = doc.putObject("unavailable");
    unavailable.forEach(u::put);
    return doc;
  }

  private static ObjectNode runSection(
      RunInfo run, Instant finishedAt, List<Forker.Outcome> outcomes, boolean partial) {
    ObjectNode r = Json.object();
    r.put("id", run.id());
    r.put("anatomyVersion", Version.current());
    r.put("startedAt", run.startedAt().toString());
    r.put("finishedAt", finishedAt.toString());
    r.put("host", run.host());
    r.put("command", run.command());
    r.put("effort", run.effort().name().toLowerCase(java.util.Locale.ROOT));
    var asked = r.putArray("partsRequested");
    run.parts().forEach(asked::add);
    var measured = r.putArray("partsMeasured");
    outcomes.forEach(o -> measured.add(o.result().part()));
    r.put("partial", partial || outcomes.stream().anyMatch(o -> !o.result().complete()));
    return r;
  }

  /**
   * Figures that need two parts: memory latencies in core cycles once the compute part has measured
   * the clock.
   *
   * @param doc the document, changed in place
   */
  static void derive(ObjectNode doc) {
    JsonNode clock = doc.path("compute").get("clockHz");
    JsonNode levels = doc.path("memory").path("levels");
    if (clock == null || !clock.isNumber() || !levels.isArray()) {
      return;
    }
    double hz = clock.asDouble();
    for (JsonNode level : levels) {
      if (level instanceof ObjectNode o) {
        Figures.get(o, "latencyNs")
            .ifPresent(
                (Figure ns) -> {
                  Figure cycles = ns.scaled(hz / 1e9, "cycles");
                  Figures.put(
                      o,
                      "latencyCycles",
                      new Figure(
                          cycles.value(),
                          "cycles",
                          cycles.statistic(),
                          cycles.samples(),
                          ns.method() + "; cycles = ns x compute.clockHz",
                          cycles.variant()));
                });
      }
    }
  }
}
