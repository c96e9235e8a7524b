package dev.anatomy.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.result.Json;
import dev.anatomy.run.Sizes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Chart 4: the connections between the units (memory bus, PCI bus, disk, network), measured beside
 * theoretical bandwidth, and the table of every link with its latency.
 *
 * <p>The links are read from the document by name: every number under a link whose key ends in
 * {@code BytesPerSecond} is a bandwidth, theoretical when its key says {@code theoretical}, so a
 * new figure (another PCIe direction, a second network peer) appears without a change here.
 */
final class Connections {
  private static final List<String> SKIPPED = List.of("details", "histogram", "method");

  private Connections() {}

  /**
   * One bandwidth of a link.
   *
   * @param label what it is, e.g. "triad, all threads"
   * @param key its dotted key in the document
   * @param bytesPerSecond the figure
   * @param theoretical whether it is computed from the hardware's specification, not measured
   */
  record Rate(String label, String key, double bytesPerSecond, boolean theoretical) {}

  /**
   * One connection.
   *
   * @param name e.g. "memory bus"
   * @param rates its bandwidths, measured and theoretical
   * @param latency its latency as text (e.g. "p50 86 µs"), or ""
   * @param notes what is missing or how it was taken
   */
  record Link(String name, List<Rate> rates, String latency, List<String> notes) {
    /**
     * The best measured bandwidth.
     *
     * @return bytes per second, or empty
     */
    OptionalDouble bestMeasured() {
      return rates.stream().filter(r -> !r.theoretical()).mapToDouble(Rate::bytesPerSecond).max();
    }

    /**
     * The theoretical bandwidth.
     *
     * @return bytes per second, or empty
     */
    OptionalDouble theoretical() {
      return rates.stream().filter(Rate::theoretical).mapToDouble(Rate::bytesPerSecond).max();
    }
  }

  /**
   * Reads the four connections.
   *
   * @param doc the document
   * @return memory bus, PCI bus, disk, network, each possibly without any rate
   */
  static List<Link> links(JsonNode doc) {
    Absences why = new Absences(doc);
    return List.of(memoryBus(doc, why), pcie(doc, why), disk(doc, why), network(doc, why));
  }

  private static Link memoryBus(JsonNode doc, Absences why) {
    JsonNode bus = Nodes.at(doc, "links.memoryBus");
    List<String> notes = new ArrayList<>();
    List<Rate> rates = new ArrayList<>();
    if (bus.isObject()) {
      scan(bus, "links.memoryBus", "", rates);
    }
    String latency = "";
    for (Tier t : Tier.of(doc)) {
      if (t.dram()) {
        if (rates.isEmpty()) {
          t.figure("triadBytesPerSecond")
              .ifPresent(
                  v -> rates.add(new Rate("DRAM triad, 1 thread", "memory.levels.DRAM", v, false)));
          t.figure("triadBytesPerSecondAllThreads")
              .ifPresent(
                  v ->
                      rates.add(
                          new Rate("DRAM triad, all threads", "memory.levels.DRAM", v, false)));
          if (!rates.isEmpty()) {
            notes.add(
                "memory bus: from the memory part's DRAM tier; "
                    + why.sentence("links.memoryBus", "links.memoryBus"));
          }
        }
        latency =
            t.figure("latencyNs").stream()
                .mapToObj(ns -> "DRAM load " + Units.nanoseconds(ns))
                .findFirst()
                .orElse("");
      }
    }
    if (rates.isEmpty()) {
      notes.add(why.sentence("memory bus", "links.memoryBus"));
    } else if (rates.stream().noneMatch(Rate::theoretical)) {
      notes.add(theoreticalMissing("memory bus", "links.memoryBus", why));
    }
    return new Link("memory bus", rates, latency, notes);
  }

  private static Link pcie(JsonNode doc, Absences why) {
    JsonNode pcie = Nodes.at(doc, "links.pcie");
    List<Rate> rates = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    if (pcie.isContainerNode()) {
      scan(pcie, "links.pcie", "", rates);
    }
    if (rates.isEmpty()) {
      notes.add(why.sentence("PCI bus to a GPU", "links.pcie"));
    } else if (rates.stream().noneMatch(Rate::theoretical)) {
      notes.add(theoreticalMissing("PCI bus", "links.pcie", why));
    }
    return new Link("PCI bus", rates, latency(pcie), notes);
  }

  private static Link disk(JsonNode doc, Absences why) {
    JsonNode storage = doc.path("storage");
    List<Rate> rates = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    if (storage.isObject()) {
      for (Map.Entry<String, JsonNode> e : storage.properties()) {
        if (isRate(e.getKey()) && Nodes.positive(e.getValue()).isPresent()) {
          rates.add(rate("storage", e.getKey(), e.getValue().asDouble()));
        }
      }
      for (Map.Entry<String, JsonNode> e : storage.path("device").properties()) {
        if (isRate(e.getKey()) && Nodes.positive(e.getValue()).isPresent()) {
          rates.add(rate("storage.device", e.getKey(), e.getValue().asDouble()));
        }
      }
    }
    if (rates.isEmpty()) {
      notes.add(why.sentence("disk", "storage"));
    } else if (rates.stream().noneMatch(Rate::theoretical)) {
      notes.add(theoreticalMissing("disk", "storage.device", why));
    }
    String latency = "";
    OptionalDouble p50 = Nodes.positive(storage.path("randomReadLatencyNs").get("p50"));
    if (p50.isPresent()) {
      latency = "random 4 KiB read p50 " + Units.nanoseconds(p50.getAsDouble());
      OptionalDouble p99 = Nodes.positive(storage.path("randomReadLatencyNs").get("p99"));
      if (p99.isPresent()) {
        latency += ", p99 " + Units.nanoseconds(p99.getAsDouble());
      }
    }
    return new Link("disk", rates, latency, notes);
  }

  private static Link network(JsonNode doc, Absences why) {
    JsonNode net = Nodes.at(doc, "links.network");
    List<Rate> rates = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<String> latencies = new ArrayList<>();
    for (Map.Entry<String, JsonNode> peer : net.properties()) {
      if (peer.getValue().isObject() && !SKIPPED.contains(peer.getKey())) {
        scan(peer.getValue(), "links.network." + peer.getKey(), peer.getKey() + " ", rates);
        String l = latency(peer.getValue());
        if (!l.isEmpty()) {
          latencies.add(peer.getKey() + " " + l);
        }
      }
    }
    if (rates.isEmpty()) {
      notes.add(why.sentence("network", "links.network"));
    }
    return new Link("network", rates, String.join("; ", latencies), notes);
  }

  private static String theoreticalMissing(String what, String key, Absences why) {
    for (String k : List.of(key + ".theoreticalBytesPerSecond", key + ".theoretical")) {
      Optional<String> r = why.why(k);
      if (r.isPresent()) {
        return what + ": no theoretical figure (" + r.get() + ")";
      }
    }
    return what + ": no theoretical figure in the document (the machine does not report it)";
  }

  private static void scan(JsonNode node, String key, String prefix, List<Rate> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (SKIPPED.contains(e.getKey())) {
          continue;
        }
        String k = key + "." + e.getKey();
        if (e.getValue().isContainerNode()) {
          scan(e.getValue(), k, prefix + words(e.getKey()) + " ", out);
        } else if (isRate(e.getKey()) && Nodes.positive(e.getValue()).isPresent()) {
          Rate r = rate(key, e.getKey(), e.getValue().asDouble());
          out.add(
              new Rate((prefix + r.label()).trim(), r.key(), r.bytesPerSecond(), r.theoretical()));
        }
      }
    } else if (node.isArray()) {
      int i = 0;
      for (JsonNode item : node) {
        String name = item.path("name").asText(Integer.toString(i));
        scan(item, key + "." + i, prefix + name + " ", out);
        i++;
      }
    }
  }

  private static boolean isRate(String key) {
    return key.toLowerCase(Locale.ROOT).contains("bytespersecond");
  }

  private static Rate rate(String parent, String key, double value) {
    boolean theoretical = key.toLowerCase(Locale.ROOT).contains("theoretical");
    String label =
        words(
            key.replace("BytesPerSecond", " ")
                .replace("theoretical", "")
                .replace("Theoretical", ""));
    label = label.replace(" all threads", ", all threads").replace(" parallel", ", parallel");
    if (label.isBlank()) {
      label = theoretical ? "theoretical" : "bandwidth";
    } else if (theoretical) {
      label = "theoretical, " + label;
    }
    return new Rate(label.trim(), parent + "." + key, value, theoretical);
  }

  /**
   * Splits a camel-case key into lower-case words.
   *
   * @param key e.g. "triadAllThreads", "hostToDevicePinned"
   * @return e.g. "triad all threads", "host to device pinned"
   */
  static String words(String key) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(key.charAt(i - 1))) {
        sb.append(' ');
      }
      sb.append(Character.toLowerCase(c));
    }
    String words = sb.toString().replaceAll("\\s+", " ").trim();
    for (String acronym : List.of("tcp", "udp", "gpu", "pcie", "dram", "qd")) {
      words =
          words.replaceAll(
              "\\b" + acronym + "\\b",
              acronym.equals("pcie") ? "PCIe" : acronym.toUpperCase(Locale.ROOT));
    }
    return words;
  }

  private static String latency(JsonNode node) {
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String k = e.getKey();
      if (!k.endsWith("Ns") || SKIPPED.contains(k)) {
        continue;
      }
      JsonNode v = e.getValue();
      OptionalDouble p50 = Nodes.positive(v.isObject() ? v.get("p50") : v);
      if (p50.isPresent()) {
        String s =
            words(k.substring(0, k.length() - 2))
                + (v.isObject() ? " p50 " : " ")
                + Units.nanoseconds(p50.getAsDouble());
        OptionalDouble p99 = v.isObject() ? Nodes.positive(v.get("p99")) : OptionalDouble.empty();
        return p99.isPresent() ? s + ", p99 " + Units.nanoseconds(p99.getAsDouble()) : s;
      }
    }
    return "";
  }

  /**
   * Builds the chart: one bar per figure, grouped by link; measured bars filled, theoretical bars
   * outlined.
   *
   * @param doc the document
   * @return the chart
   */
  static Chart chart(JsonNode doc) {
    String id = "chart-connections";
    String title = "4 · The connections: measured against theoretical bandwidth";
    String lead =
        "How fast each connection moves data: filled bars were measured here, outlined bars are"
            + " what the hardware's specification allows (width x transfer rate). Log scale: each"
            + " grid line is ten times the last.";
    List<Link> links = links(doc);
    List<String> notes = new ArrayList<>();
    ObjectNode o = Echarts.option();
    ObjectNode grid = (ObjectNode) o.get("grid");
    grid.put("left", 16);
    grid.put("right", 90);
    grid.put("containLabel", true);
    ArrayNode categories = Json.array();
    ObjectNode measured = bars("measured", Echarts.color(0));
    ObjectNode theoretical = bars("theoretical", Echarts.GREY);
    int li = 0;
    for (Link l : links) {
      String color = Echarts.color(li++);
      List<Rate> ordered = new ArrayList<>(l.rates());
      ordered.sort((a, b) -> Boolean.compare(a.theoretical(), b.theoretical()));
      for (Rate r : ordered) {
        categories.add(l.name() + " · " + r.label());
        ObjectNode item =
            ((ArrayNode) (r.theoretical() ? theoretical : measured).get("data")).addObject();
        item.put("value", r.bytesPerSecond());
        item.put("tip", r.key());
        ObjectNode style = item.putObject("itemStyle");
        if (r.theoretical()) {
          style.put("color", "rgba(255,255,255,0)");
          style.put("borderColor", color);
          style.put("borderType", "dashed");
          style.put("borderWidth", 2);
        } else {
          style.put("color", color);
        }
        item.putObject("label").put("formatter", Sizes.formatRate(r.bytesPerSecond()));
        ((ArrayNode) (r.theoretical() ? measured : theoretical).get("data")).add("-");
      }
      notes.addAll(l.notes());
    }
    if (categories.isEmpty()) {
      return Chart.absent(id, title, lead, notes);
    }
    ObjectNode x = Echarts.logAxis("bytes per second", "rate");
    o.set("xAxis", x);
    ObjectNode y = o.putObject("yAxis");
    y.put("type", "category");
    y.put("inverse", true);
    y.set("data", categories);
    y.putObject("axisTick").put("show", false);
    y.putObject("axisLabel").put("color", "#333");
    o.putArray("series").add(measured).add(theoretical);
    int height = Math.max(260, 110 + categories.size() * 34);
    return new Chart(
            id,
            title,
            lead,
            Optional.of(o),
            List.of("rate"),
            List.of("category"),
            notes,
            Chart.HEIGHT)
        .withHeight(height);
  }

  private static ObjectNode bars(String name, String color) {
    ObjectNode s = Json.object();
    s.put("type", "bar");
    s.put("name", name);
    s.put("color", color);
    s.put("barWidth", 18);
    s.put("barGap", "-100%");
    ObjectNode label = s.putObject("label");
    label.put("show", true);
    label.put("position", "right");
    label.put("color", "#333");
    s.putArray("data");
    return s;
  }
}
