package dev.anatomy.result;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The one JSON configuration anatomy reads and writes documents with. */
public final class Json {
  /** Pretty-printing, strict (no NaN, no duplicate keys), records supported. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private Json() {}

  /**
   * A new empty object.
   *
   * @return an empty object node
   */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /**
   * A new empty array.
   *
   * @return an empty array node
   */
  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /**
   * Converts a value (record, list, map) to a tree.
   *
   * @param value anything Jackson can serialise
   * @return the tree
   */
  public static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /**
   * Serialises a tree.
   *
   * @param node the tree
   * @return pretty-printed JSON text
   */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Serialises a tree on one line.
   *
   * @param node the tree
   * @return compact JSON text
   */
  public static String writeCompact(JsonNode node) {
    try {
      return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses JSON text.
   *
   * @param text JSON
   * @return the tree
   * @throws IOException on malformed JSON
   */
  public static JsonNode parse(String text) throws IOException {
    return MAPPER.readTree(text);
  }
}
