package dev.anatomy.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** The connections on the card: every link, measured beside theoretical, and its latency. */
public final class LinksCard implements CardSection {
  @Override
  public String part() {
    return "links";
  }

  @Override
  public String render(JsonNode doc) {
    JsonNode links = doc.get("links");
    if (links == null) {
      return "";
    }
    StringBuilder out = new StringBuilder("CONNECTIONS\n");
    Table t = new Table("link", "measured", "theoretical", "share", "latency");
    for (JsonNode c : links.path("connections")) {
      JsonNode share = c.get("measuredShareOfTheoretical");
      JsonNode latency = c.get("measuredLatencyNs");
      t.add(
          c.path("link").asText("?"),
          StorageCard.rateOrNone(c.get("measuredBytesPerSecond")),
          StorageCard.rateOrNone(c.get("theoreticalBytesPerSecond")),
          share == null || !share.isNumber()
              ? Format.NONE
              : String.format(Locale.ROOT, "%.0f%%", share.asDouble() * 100),
          latency == null || !latency.isNumber() ? Format.NONE : latencyText(latency.asDouble()));
    }
    out.append(t.render("  "));
    JsonNode bus = links.path("memoryBus");
    if (bus.isObject()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  memory bus: triad %s on 1 thread, %s on %d; one core %s the bus%n",
              Format.rate(bus, "triadBytesPerSecond"),
              Format.rate(bus, "triadBytesPerSecondAllThreads"),
              bus.path("threads").asInt(),
              bus.path("oneCoreSaturates").asBoolean() ? "saturates" : "does not saturate"));
    }
    JsonNode lo = links.path("network").path("loopback");
    if (lo.isObject()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  loopback TCP: round trip p50 %s, p99 %s; one stream %s, %d streams %s%n",
              StorageCard.us(lo.path("tcpRoundTripNs"), "p50"),
              StorageCard.us(lo.path("tcpRoundTripNs"), "p99"),
              Format.rate(lo, "tcpBytesPerSecond"),
              lo.path("connections").asInt(),
              Format.rate(lo, "tcpBytesPerSecondParallel")));
    }
    return out.toString();
  }

  private static String latencyText(double ns) {
    return ns >= 1000 ? Format.number(ns / 1000) + " us" : Format.number(ns) + " ns";
  }
}
