package dev.anatomy.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Why something is missing from a document: its {@code unavailable} entries, looked up by dotted
 * key. A figure's own entry wins; else the entry of a key that encloses it (a whole part that
 * failed); else the entries under it (a section some of whose figures could not be measured).
 */
final class Absences {
  private final JsonNode unavailable;
  private final JsonNode doc;

  Absences(JsonNode doc) {
    this.doc = doc;
    this.unavailable = doc.path("unavailable");
  }

  /**
   * The reason a key is absent.
   *
   * @param key a dotted key, e.g. "links.pcie"
   * @return the reason, prefixed by the key it was recorded under when that is another key
   */
  Optional<String> why(String key) {
    JsonNode exact = unavailable.get(key);
    if (exact != null) {
      return Optional.of(exact.asText());
    }
    for (String k = key; k.contains("."); ) {
      k = k.substring(0, k.lastIndexOf('.'));
      JsonNode enclosing = unavailable.get(k);
      if (enclosing != null) {
        return Optional.of(k + ": " + enclosing.asText());
      }
    }
    List<String> under = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : unavailable.properties()) {
      if (e.getKey().startsWith(key + ".")) {
        under.add(e.getKey() + ": " + e.getValue().asText());
      }
    }
    return under.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", under));
  }

  /**
   * A sentence saying that something is absent and why.
   *
   * @param what what is missing, in words, e.g. "the PCI bus"
   * @param key its dotted key in the document
   * @return e.g. "the PCI bus: not measured (links.pcie: no libcuda.so.1)"
   */
  String sentence(String what, String key) {
    Optional<String> reason = why(key);
    if (reason.isPresent()) {
      return what + ": not measured (" + reason.get() + ")";
    }
    String part = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
    if (!doc.has(part)) {
      return what + ": not in this run (" + hint(part) + ")";
    }
    return what + ": not in this run (" + key + " is absent)";
  }

  private static String hint(String part) {
    return switch (part) {
      case "compute", "memory", "storage", "links" ->
          "the " + part + " part was not measured; anatomy measure --only " + part + " measures it";
      case "validation" -> "no validation; anatomy validate runs the kernel suite";
      case "prediction" -> "no prediction; anatomy predict makes one";
      default -> "the document has no " + part + " section";
    };
  }
}
