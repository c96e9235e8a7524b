package dev.anatomy.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * One memory tier as the document's {@code memory.levels[]} holds it: L1, L2, L3, DRAM.
 *
 * @param name "L1", "L2", "L3", "DRAM"
 * @param node the level's object, for its figures
 */
record Tier(String name, JsonNode node) {
  /**
   * The tiers of a document, in order from L1 to DRAM.
   *
   * @param doc the document
   * @return the tiers, empty when the memory part was not measured
   */
  static List<Tier> of(JsonNode doc) {
    List<Tier> tiers = new ArrayList<>();
    for (JsonNode l : doc.path("memory").path("levels")) {
      if (l.hasNonNull("name")) {
        tiers.add(new Tier(l.get("name").asText(), l));
      }
    }
    return tiers;
  }

  /**
   * A figure of the tier.
   *
   * @param key e.g. "latencyNs", "readBytesPerSecond"
   * @return the positive value, or empty
   */
  OptionalDouble figure(String key) {
    return Nodes.positive(node.get(key));
  }

  /**
   * The size measured from the latency curve's knees (none for DRAM).
   *
   * @return bytes, or empty
   */
  OptionalDouble measuredSize() {
    return figure("sizeBytes");
  }

  /**
   * The size the machine reports (sysfs or cpuid for caches, total memory for DRAM).
   *
   * @return bytes, or empty
   */
  OptionalDouble reportedSize() {
    return figure("reportedSizeBytes");
  }

  /**
   * Whether this is main memory rather than a cache.
   *
   * @return true for DRAM
   */
  boolean dram() {
    return name.equalsIgnoreCase("DRAM") || name.equalsIgnoreCase("RAM");
  }
}
