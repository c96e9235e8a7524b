package dev.anatomy.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.result.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Documents for the report's tests: a real memory run of this machine, and hand-made sections for
 * the other parts, shaped as their issues specify, merged into it.
 */
final class Documents {
  private Documents() {}

  /**
   * A fixture file.
   *
   * @param name file name under fixtures/report
   * @return the parsed JSON
   */
  static JsonNode read(String name) {
    try (InputStream in = Documents.class.getResourceAsStream("/fixtures/report/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no fixture " + name);
      }
      return Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The real memory-only run ({@code measure --only memory --json}).
   *
   * @return a fresh copy
   */
  static ObjectNode memory() {
    return (ObjectNode) read("memory-run.json");
  }

  /**
   * The memory run with every hand-made part: compute, storage, links, validation, prediction.
   *
   * @return a fresh document
   */
  static ObjectNode full() {
    return with(
        memory(),
        "compute.json",
        "storage.json",
        "links.json",
        "validation.json",
        "prediction.json");
  }

  /**
   * Merges fixture sections into a document; their {@code unavailable} entries join the document's.
   *
   * @param doc the document, changed
   * @param fixtures fixture names
   * @return the document
   */
  static ObjectNode with(ObjectNode doc, String... fixtures) {
    for (String f : fixtures) {
      for (Map.Entry<String, JsonNode> e : read(f).properties()) {
        if (e.getKey().equals("unavailable")) {
          ((ObjectNode) doc.get("unavailable")).setAll((ObjectNode) e.getValue());
        } else {
          doc.set(e.getKey(), e.getValue());
        }
      }
    }
    return doc;
  }

  /**
   * A document with no part at all: run, environment and machine only.
   *
   * @return a fresh document
   */
  static ObjectNode bare() {
    ObjectNode doc = memory();
    doc.remove("memory");
    ((ObjectNode) doc.get("run")).putArray("partsMeasured");
    return doc;
  }
}
