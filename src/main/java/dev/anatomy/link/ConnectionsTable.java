package dev.anatomy.link;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.result.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Every link measured, with its measured and theoretical bandwidth and latency side by side, and
 * why a theoretical figure is missing where it is.
 */
final class ConnectionsTable {
  /**
   * One row.
   *
   * @param link what connects what, e.g. "memory bus", "PCIe to GPU 0 (H100), host to device"
   * @param measuredBytesPerSecond the measured bandwidth
   * @param theoreticalBytesPerSecond what the reported hardware allows
   * @param measuredLatencyNs the measured latency (a round trip for networks)
   * @param theoreticalLatencyNs a latency the hardware promises, rarely known
   * @param note how the row was filled, and why a figure is missing
   */
  record Row(
      String link,
      OptionalDouble measuredBytesPerSecond,
      OptionalDouble theoreticalBytesPerSecond,
      OptionalDouble measuredLatencyNs,
      OptionalDouble theoreticalLatencyNs,
      String note) {}

  private final List<Row> rows = new ArrayList<>();

  void add(Row row) {
    rows.add(row);
  }

  List<Row> rows() {
    return List.copyOf(rows);
  }

  ArrayNode toJson() {
    ArrayNode a = Json.array();
    for (Row r : rows) {
      ObjectNode o = a.addObject();
      o.put("link", r.link());
      put(o, "measuredBytesPerSecond", r.measuredBytesPerSecond());
      put(o, "theoreticalBytesPerSecond", r.theoreticalBytesPerSecond());
      if (r.measuredBytesPerSecond().isPresent()
          && r.theoreticalBytesPerSecond().isPresent()
          && r.theoreticalBytesPerSecond().getAsDouble() > 0) {
        o.put(
            "measuredShareOfTheoretical",
            r.measuredBytesPerSecond().getAsDouble() / r.theoreticalBytesPerSecond().getAsDouble());
      } else {
        o.putNull("measuredShareOfTheoretical");
      }
      put(o, "measuredLatencyNs", r.measuredLatencyNs());
      put(o, "theoreticalLatencyNs", r.theoreticalLatencyNs());
      o.put("note", r.note());
    }
    return a;
  }

  private static void put(ObjectNode o, String key, OptionalDouble v) {
    if (v.isPresent()) {
      o.put(key, v.getAsDouble());
    } else {
      o.putNull(key);
    }
  }
}
