package dev.anatomy.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.result.Json;
import dev.anatomy.result.SchemaVersion;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Upgrades documents of an older schema version to the current one, one version at a time, so every
 * reader (show, compare, export, report) sees only the current shape.
 *
 * <p>When {@link SchemaVersion#CURRENT} is raised, add the step from the old version here and a
 * hand-made document of the old version to the tests. Version 0 never shipped: it is the
 * pre-release shape, in which {@code unavailable} was a list of {@code {key, reason}} objects; its
 * step keeps this path exercised until a real version 2 exists.
 */
final class DocumentMigrations {
  /** Step from version {@code v} to {@code v + 1}, by {@code v}. */
  private static final Map<Integer, UnaryOperator<ObjectNode>> STEPS =
      Map.of(0, DocumentMigrations::unavailableListToObject);

  private DocumentMigrations() {}

  /**
   * Whether a version can be brought to the current one.
   *
   * @param version a document's schemaVersion
   * @return true if every step from it to the current version exists
   */
  static boolean canUpgrade(int version) {
    if (version > SchemaVersion.CURRENT) {
      return false;
    }
    for (int v = version; v < SchemaVersion.CURRENT; v++) {
      if (!STEPS.containsKey(v)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Upgrades a document.
   *
   * @param document a document of version {@code from}; not changed
   * @param from its version, for which {@link #canUpgrade} holds
   * @return a document of the current version (the same object when already current)
   */
  static ObjectNode upgrade(ObjectNode document, int from) {
    if (from == SchemaVersion.CURRENT) {
      return document;
    }
    ObjectNode doc = document.deepCopy();
    for (int v = from; v < SchemaVersion.CURRENT; v++) {
      doc = STEPS.get(v).apply(doc);
      doc.put("schemaVersion", v + 1);
    }
    return doc;
  }

  /** 0 to 1: {@code unavailable: [{key, reason}]} became {@code unavailable: {key: reason}}. */
  private static ObjectNode unavailableListToObject(ObjectNode doc) {
    JsonNode old = doc.get("unavailable");
    ObjectNode reasons = Json.object();
    if (old != null && old.isArray()) {
      for (JsonNode item : old) {
        String key = item.path("key").asText("");
        if (!key.isEmpty()) {
          reasons.put(key, item.path("reason").asText(""));
        }
      }
    } else if (old != null && old.isObject()) {
      reasons.setAll((ObjectNode) old);
    }
    doc.set("unavailable", reasons);
    return doc;
  }
}
