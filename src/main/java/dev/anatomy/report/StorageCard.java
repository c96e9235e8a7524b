package dev.anatomy.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anatomy.run.Sizes;
import java.util.Locale;

/** Storage on the card: sequential and random I/O, latency percentiles, the device as reported. */
public final class StorageCard implements CardSection {
  @Override
  public String part() {
    return "storage";
  }

  @Override
  public String render(JsonNode doc) {
    JsonNode s = doc.get("storage");
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder("STORAGE");
    out.append(
        String.format(
            Locale.ROOT,
            " (%s, %s file in %s, %s)%n",
            s.path("direct").asBoolean() ? "direct I/O" : "buffered I/O, page cache dropped",
            Format.size(s.get("fileSizeBytes")),
            s.path("path").asText("?"),
            s.path("readOnly").asBoolean() ? "reads only" : "read and write"));
    Table t = new Table("test", "throughput", "p50", "p99", "p99.9");
    row(t, "sequential read 1 MiB, QD1", Format.rate(s, "sequentialReadBytesPerSecond"), null);
    row(t, "sequential write 1 MiB, QD1", Format.rate(s, "sequentialWriteBytesPerSecond"), null);
    row(t, "random read 4 KiB, QD1", iops(s, "randomReadIops"), s.get("randomReadLatencyNs"));
    row(
        t,
        "random read 4 KiB, QD" + s.path("queueDepth").asInt(32),
        iops(s, "randomReadIopsQd32"),
        s.get("randomReadLatencyNsQd32"));
    row(t, "random write 4 KiB, QD1", iops(s, "randomWriteIops"), s.get("randomWriteLatencyNs"));
    row(t, "fsync", Format.NONE, s.get("fsyncLatencyNs"));
    out.append(t.render("  "));
    JsonNode d = s.path("device");
    if (d.isObject()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  device (reported): %s, %s, %s on %s, %s, rotational %s%s%n",
              d.path("name").asText("?"),
              d.path("transport").asText("?"),
              d.path("fileSystem").asText("?"),
              d.path("mountPoint").asText("?"),
              Format.size(d.get("sizeBytes")),
              d.path("rotational").asText("?"),
              d.path("randomReadsLikeRotational").isBoolean()
                  ? "; measured: random reads "
                      + (d.path("randomReadsLikeRotational").asBoolean() ? "like" : "unlike")
                      + " a spinning disk"
                  : ""));
    }
    return out.toString();
  }

  private static String iops(JsonNode s, String key) {
    JsonNode v = s.get(key);
    return v == null || !v.isNumber()
        ? Format.NONE
        : Format.number(v.asDouble()) + " IO/s" + Format.spread(s, key);
  }

  private static void row(Table t, String name, String throughput, JsonNode latency) {
    if (latency == null || !latency.isObject()) {
      t.add(name, throughput, Format.NONE, Format.NONE, Format.NONE);
      return;
    }
    t.add(name, throughput, us(latency, "p50"), us(latency, "p99"), us(latency, "p999"));
  }

  static String us(JsonNode latency, String key) {
    JsonNode v = latency.get(key);
    return v == null || !v.isNumber() ? Format.NONE : Format.number(v.asDouble() / 1000) + " us";
  }

  static String rateOrNone(JsonNode v) {
    return v == null || !v.isNumber() ? Format.NONE : Sizes.formatRate(v.asDouble());
  }
}
