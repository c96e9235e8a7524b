package dev.anatomy.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.harness.NoiseRecord;
import dev.anatomy.harness.TimerInfo;
import dev.anatomy.inventory.Machine;
import dev.anatomy.result.Json;
import java.lang.management.ManagementFactory;
import java.util.List;

/** Builds the document's {@code environment} section: what the figures were measured under. */
public final class EnvironmentInfo {
  private EnvironmentInfo() {}

  /**
   * This JVM: version, vendor and the flags it was started with.
   *
   * @return {version, vendor, vm, flags[]}
   */
  public static ObjectNode jvm() {
    ObjectNode o = Json.object();
    o.put("version", System.getProperty("java.version"));
    o.put("vendor", System.getProperty("java.vendor"));
    o.put("vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
    var flags = o.putArray("flags");
    ManagementFactory.getRuntimeMXBean().getInputArguments().forEach(flags::add);
    return o;
  }

  /**
   * The environment section.
   *
   * @param machine the inventory
   * @param timer the timer's measured granularity
   * @param measuringJvm the JVM that measured (from a fork's result), or null
   * @param noise every step's noise record
   * @param cpus the CPUs the process could use
   * @return the section
   */
  public static ObjectNode environment(
      Machine machine,
      TimerInfo timer,
      ObjectNode measuringJvm,
      List<NoiseRecord> noise,
      int[] cpus) {
    ObjectNode e = Json.object();
    e.put("kernel", machine.kernel());
    e.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    e.set("jvm", measuringJvm != null ? measuringJvm : jvm());
    e.put("transparentHugePages", machine.transparentHugePages());
    e.put("clockSource", machine.clockSource());
    e.put("timerGranularityNs", timer.granularityNs());
    e.put("timerLatencyNs", timer.latencyNs());
    var allowed = e.putArray("allowedCpus");
    for (int c : cpus) {
      allowed.add(c);
    }
    e.put("hypervisor", machine.hypervisor());
    addNoise(e, noise);
    return e;
  }

  /**
   * Appends noise records to an environment section and folds them into its summary: {@code busy}
   * if any step was, and the worst steal and foreign-busy fractions seen. A section built here gets
   * its first records this way; {@code validate} adds the suite's to the measured run's.
   *
   * @param e the environment section
   * @param noise the records to add
   */
  public static void addNoise(ObjectNode e, List<NoiseRecord> noise) {
    com.fasterxml.jackson.databind.node.ArrayNode records = e.withArray("noise");
    for (NoiseRecord r : noise) {
      records.add(Json.tree(r));
    }
    e.put("busy", e.path("busy").asBoolean() || noise.stream().anyMatch(NoiseRecord::busy));
    e.put(
        "worstStealFraction",
        Math.max(
            e.path("worstStealFraction").asDouble(),
            noise.stream().mapToDouble(NoiseRecord::stealFraction).max().orElse(0)));
    e.put(
        "worstForeignBusyFraction",
        Math.max(
            e.path("worstForeignBusyFraction").asDouble(),
            noise.stream().mapToDouble(NoiseRecord::foreignBusyFraction).max().orElse(0)));
  }
}
