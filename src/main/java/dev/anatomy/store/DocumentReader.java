package dev.anatomy.store;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.result.FigureIndex;
import dev.anatomy.result.Json;
import dev.anatomy.result.SchemaVersion;
import dev.anatomy.run.UsageException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads anatomy documents, from JSON files or from the store, and checks them before anyone uses
 * them: a document of a newer schema version is refused with a message that says so; an older one
 * is upgraded (see {@link DocumentMigrations}); corrupt, truncated or foreign JSON is refused.
 * Every refusal is a {@link UsageException} with one line that names the source and what was wrong.
 *
 * <pre>{@code
 * ObjectNode doc = DocumentReader.readFile(Path.of("run.json"));   // always the current version
 * }</pre>
 */
public final class DocumentReader {
  /** Largest file read: documents of a deep run are a few MiB. */
  public static final long MAX_BYTES = 256L * 1024 * 1024;

  private DocumentReader() {}

  /**
   * Reads a JSON file.
   *
   * @param file the file
   * @return the document, upgraded to the current schema version
   * @throws UsageException if the file is missing, unreadable or not a document this build reads
   */
  public static ObjectNode readFile(Path file) {
    String name = file.toString();
    String text;
    try {
      if (Files.isDirectory(file)) {
        throw new UsageException(name + " is a folder, not a JSON document");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw new UsageException(
            name + " is larger than " + (MAX_BYTES >> 20) + " MiB: not an anatomy document");
      }
      byte[] bytes = Files.readAllBytes(file);
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (NoSuchFileException e) {
      throw new UsageException(name + ": no such file", e);
    } catch (CharacterCodingException e) {
      throw new UsageException(name + " is not UTF-8 text, so not an anatomy document", e);
    } catch (IOException e) {
      throw new UsageException(name + ": cannot read: " + e.getMessage(), e);
    }
    return read(text, name);
  }

  /**
   * Reads a document from text.
   *
   * @param text the JSON text
   * @param source where it came from, for messages (a file name, "run ID in store S")
   * @return the document, upgraded to the current schema version
   * @throws UsageException if the text is not a document this build reads
   */
  public static ObjectNode read(String text, String source) {
    if (text.startsWith("\uFEFF")) {
      // a byte-order mark, as some Windows editors write: not part of the JSON
      text = text.substring(1);
    }
    if (text.isBlank()) {
      throw new UsageException(source + " is empty, not an anatomy document");
    }
    JsonNode tree;
    try {
      tree = Json.parse(text);
    } catch (JsonEOFException e) {
      throw new UsageException(
          source + " is not valid JSON: it ends early" + where(e) + " (truncated?)", e);
    } catch (JsonProcessingException e) {
      throw new UsageException(
          source + " is not valid JSON: " + firstLine(e.getOriginalMessage()) + where(e), e);
    } catch (IOException e) {
      throw new UsageException(source + ": cannot read: " + e.getMessage(), e);
    }
    return check(tree, source);
  }

  /**
   * Checks a parsed tree and upgrades it.
   *
   * @param tree parsed JSON
   * @param source where it came from, for messages
   * @return the document, upgraded to the current schema version
   * @throws UsageException if the tree is not a document this build reads
   */
  public static ObjectNode check(JsonNode tree, String source) {
    if (!(tree instanceof ObjectNode doc)) {
      throw new UsageException(
          source
              + " is not an anatomy document: its JSON is "
              + kind(tree)
              + ", not an object with schemaVersion and run");
    }
    JsonNode version = doc.get("schemaVersion");
    if (version == null) {
      throw new UsageException(
          source + " is not an anatomy document: it has no schemaVersion (foreign JSON?)");
    }
    if (!version.isIntegralNumber() || !version.canConvertToInt()) {
      throw new UsageException(
          source
              + " is not an anatomy document: schemaVersion must be a whole number, was "
              + version);
    }
    int v = version.asInt();
    if (v > SchemaVersion.CURRENT) {
      throw new UsageException(
          source
              + " has schema version "
              + v
              + ", newer than this anatomy reads (up to "
              + SchemaVersion.CURRENT
              + "); read it with a newer anatomy");
    }
    if (v < SchemaVersion.OLDEST_READABLE || !DocumentMigrations.canUpgrade(v)) {
      throw new UsageException(
          source
              + " has schema version "
              + v
              + ", older than this anatomy reads (from "
              + SchemaVersion.OLDEST_READABLE
              + " to "
              + SchemaVersion.CURRENT
              + ")");
    }
    ObjectNode current = DocumentMigrations.upgrade(doc, v);
    JsonNode run = current.path("run");
    if (!run.isObject() || !run.path("id").isTextual() || run.path("id").asText().isBlank()) {
      throw new UsageException(source + " is not an anatomy document: it has no run.id");
    }
    if (!current.path("machine").isObject()) {
      throw new UsageException(source + " is not an anatomy document: it has no machine section");
    }
    try {
      FigureIndex.of(current);
    } catch (IllegalArgumentException e) {
      throw new UsageException(source + " has a malformed figure: " + e.getMessage(), e);
    }
    return current;
  }

  private static String kind(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing";
    }
    return switch (n.getNodeType()) {
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> "not an object";
    };
  }

  private static String where(JsonProcessingException e) {
    JsonLocation l = e.getLocation();
    return l == null ? "" : " at line " + l.getLineNr() + ", column " + l.getColumnNr();
  }

  private static String firstLine(String m) {
    if (m == null) {
      return "malformed";
    }
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)).strip();
  }
}
