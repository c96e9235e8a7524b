package dev.anatomy.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.run.Sizes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Chart 3: the memory units as in the classic chart of the seed notes, each tier (L1, L2, L3, RAM,
 * disk) by its capacity against its speed: bandwidth on the left, latency on the right. The points
 * fall along a diagonal: the bigger a memory unit, the slower it is.
 */
final class MemoryUnitsChart {
  private MemoryUnitsChart() {}

  /** One memory unit's figures, any of which may be missing. */
  private record Unit(
      String name,
      OptionalDouble capacity,
      String capacityHow,
      OptionalDouble read,
      OptionalDouble write,
      OptionalDouble latency,
      String how) {}

  /**
   * Builds the chart.
   *
   * @param doc the document
   * @return the chart
   */
  static Chart build(JsonNode doc) {
    String id = "chart-memory-units";
    String title = "3 · The memory units: capacity against speed";
    String lead =
        "Each memory unit by how much it holds (across) against how fast it reads and writes"
            + " (left) and how long one access takes (right), all measured here. The bigger the"
            + " unit, the slower: that is why memory is tiered.";
    Absences why = new Absences(doc);
    List<String> notes = new ArrayList<>();
    List<Unit> units = new ArrayList<>();
    for (Tier t : Tier.of(doc)) {
      units.add(tierUnit(doc, t));
    }
    if (units.isEmpty()) {
      notes.add(why.sentence("L1, L2, L3 and RAM", "memory.levels"));
    }
    if (doc.has("storage")) {
      units.add(disk(doc.get("storage"), notes));
    } else {
      notes.add(why.sentence("disk", "storage"));
    }
    ObjectNode o = Echarts.option();
    ArrayNode grids = o.putArray("grid");
    grids.addObject().put("left", 84).put("width", "38%").put("top", 56).put("bottom", 64);
    grids.addObject().put("right", 36).put("width", "38%").put("top", 56).put("bottom", 64);
    ArrayNode xs = o.putArray("xAxis");
    ArrayNode ys = o.putArray("yAxis");
    for (int g = 0; g < 2; g++) {
      xs.add(Echarts.logAxis("capacity", "bytes").put("gridIndex", g));
    }
    ys.add(
        Echarts.vertical(
            Echarts.logAxis("bandwidth, one thread (sequential)", "rate").put("gridIndex", 0)));
    ys.add(Echarts.vertical(Echarts.logAxis("latency of one access", "ns").put("gridIndex", 1)));
    ObjectNode read = Echarts.line("read", Echarts.color(0), false);
    ObjectNode write = Echarts.line("write", Echarts.color(3), true);
    ObjectNode latency = Echarts.line("latency", Echarts.color(1), false);
    for (ObjectNode s : List.of(read, write, latency)) {
      s.put("symbolSize", 10);
    }
    latency.put("xAxisIndex", 1).put("yAxisIndex", 1);
    int points = 0;
    for (Unit u : units) {
      if (u.capacity().isEmpty()) {
        notes.add(u.name() + ": capacity not known, so not placed");
        continue;
      }
      double cap = u.capacity().getAsDouble();
      String capTip = u.name() + " holds " + Sizes.format(cap) + " (" + u.capacityHow() + ")";
      if (u.read().isPresent()) {
        labelled(read, cap, u.read().getAsDouble(), u.name(), capTip + "; " + u.how());
        points++;
      }
      if (u.write().isPresent()) {
        Echarts.point(write, cap, u.write().getAsDouble(), capTip + "; " + u.how());
        points++;
      }
      if (u.latency().isPresent()) {
        labelled(latency, cap, u.latency().getAsDouble(), u.name(), capTip);
        points++;
      }
    }
    if (points == 0) {
      return Chart.absent(id, title, lead, notes);
    }
    o.putArray("series").add(read).add(write).add(latency);
    return new Chart(
        id,
        title,
        lead,
        Optional.of(o),
        List.of("bytes", "bytes"),
        List.of("rate", "ns"),
        notes,
        Chart.HEIGHT);
  }

  private static void labelled(ObjectNode series, double x, double y, String name, String tip) {
    Echarts.point(series, x, y, tip);
    Echarts.labelLast(series, name, "top");
  }

  private static Unit tierUnit(JsonNode doc, Tier t) {
    OptionalDouble cap;
    String how;
    if (t.dram()) {
      cap = t.reportedSize();
      if (cap.isEmpty()) {
        cap = Nodes.positive(doc.path("machine").get("memoryTotalBytes"));
      }
      how = "total memory, as reported";
    } else if (t.measuredSize().isPresent()) {
      cap = t.measuredSize();
      how = "measured at the latency curve's knee";
    } else {
      cap = t.reportedSize();
      how = "reported; no knee measured";
    }
    return new Unit(
        t.dram() ? "RAM" : t.name(),
        cap,
        how,
        t.figure("readBytesPerSecond"),
        t.figure("writeBytesPerSecond"),
        t.figure("latencyNs"),
        "bandwidth at "
            + Sizes.format(t.figure("bandwidthWorkingSetBytes").orElse(0))
            + " working set");
  }

  private static Unit disk(JsonNode storage, List<String> notes) {
    OptionalDouble cap = Nodes.positive(storage.path("device").get("sizeBytes"));
    String capHow = "the device's size, as reported";
    if (storage.has("direct") && !storage.get("direct").asBoolean()) {
      notes.add(
          "disk: direct I/O was refused, so its figures are buffered and may be memory speed"
              + (storage.hasNonNull("whyBuffered")
                  ? " (" + storage.get("whyBuffered").asText() + ")"
                  : ""));
    }
    Unit u =
        new Unit(
            "disk",
            cap,
            capHow,
            Nodes.positive(storage.get("sequentialReadBytesPerSecond")),
            Nodes.positive(storage.get("sequentialWriteBytesPerSecond")),
            Nodes.positive(storage.path("randomReadLatencyNs").get("p50")),
            "sequential 1 MiB blocks; latency: random 4 KiB reads, median");
    if (u.read().isEmpty() && u.latency().isEmpty()) {
      notes.add("disk: no sequential read or random-read latency in the storage section");
    }
    return u;
  }
}
