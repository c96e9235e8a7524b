package dev.anatomy.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anatomy.harness.NoiseRecord;
import dev.anatomy.run.Sizes;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The terminal card: what the machine reports, what anatomy measured, one section per part, the
 * noise warning and everything that could not be measured. Rendered from the JSON document alone,
 * so a stored run prints the same card as the run that made it.
 */
public final class Card {
  private final List<CardSection> sections = new ArrayList<>();

  /** A card with every known section. */
  public Card() {
    sections.add(new ComputeCard());
    sections.add(new MemoryCard());
    sections.add(new StorageCard());
    sections.add(new LinksCard());
  }

  /**
   * Adds a section renderer (parts register theirs here).
   *
   * @param section the renderer
   * @return this card
   */
  public Card with(CardSection section) {
    sections.add(section);
    return this;
  }

  /**
   * Renders the card.
   *
   * @param doc a document
   * @return the card's text
   */
  public String render(JsonNode doc) {
    StringBuilder out = new StringBuilder();
    out.append(header(doc)).append('\n');
    for (String part : List.of("compute", "memory", "storage", "links")) {
      for (CardSection s : sections) {
        if (s.part().equals(part) && doc.has(part)) {
          out.append(s.render(doc)).append('\n');
        }
      }
    }
    out.append(unavailable(doc));
    out.append(noise(doc));
    return out.toString();
  }

  static String header(JsonNode doc) {
    JsonNode m = doc.path("machine");
    JsonNode run = doc.path("run");
    StringBuilder h = new StringBuilder();
    h.append("anatomy ")
        .append(run.path("anatomyVersion").asText("?"))
        .append(" - ")
        .append(run.path("host").asText("?"))
        .append('\n');
    h.append(
        String.format(
            Locale.ROOT,
            "  %s (family %d, model %d), %d logical CPUs, %d cores, %s memory%s%n",
            m.path("modelName").asText("?"),
            m.path("family").asInt(),
            m.path("model").asInt(),
            m.path("logicalCpus").asInt(),
            m.path("physicalCores").asInt(),
            Sizes.format(m.path("memoryTotalBytes").asDouble()),
            m.path("hypervisor").asBoolean() ? ", under a hypervisor" : ""));
    h.append(
        String.format(
            Locale.ROOT,
            "  run %s, %s effort, %s%s%n",
            run.path("startedAt").asText("?"),
            run.path("effort").asText("?"),
            duration(run),
            run.path("partial").asBoolean() ? ", PARTIAL (interrupted)" : ""));
    return h.toString();
  }

  private static String duration(JsonNode run) {
    try {
      Duration d =
          Duration.between(
              Instant.parse(run.path("startedAt").asText()),
              Instant.parse(run.path("finishedAt").asText()));
      return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    } catch (DateTimeParseException e) {
      return "? s";
    }
  }

  static String unavailable(JsonNode doc) {
    JsonNode u = doc.path("unavailable");
    if (!u.isObject() || u.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("NOT MEASURED\n");
    for (Map.Entry<String, JsonNode> e : u.properties()) {
      out.append("  ").append(e.getKey()).append(": ").append(e.getValue().asText()).append('\n');
    }
    return out.append('\n').toString();
  }

  /**
   * One warning line for each step of a run during which the machine was busy (steal or other
   * processes' CPU time past {@link NoiseRecord}'s limits), from the document's environment.
   *
   * @param doc a document
   * @return the lines, empty when no step was busy
   */
  public static String noise(JsonNode doc) {
    JsonNode env = doc.path("environment");
    StringBuilder out = new StringBuilder();
    for (JsonNode n : env.path("noise")) {
      double steal = n.path("stealFraction").asDouble();
      double foreign = n.path("foreignBusyFraction").asDouble();
      if (steal > NoiseRecord.STEAL_LIMIT || foreign > NoiseRecord.FOREIGN_LIMIT) {
        out.append(
            String.format(
                Locale.ROOT,
                "! machine busy during %s: %.0f%% of CPU time stolen by the hypervisor, %.0f%%"
                    + " used by other processes; its figures may be low%n",
                n.path("step").asText(),
                steal * 100,
                foreign * 100));
      }
    }
    return out.toString();
  }
}
