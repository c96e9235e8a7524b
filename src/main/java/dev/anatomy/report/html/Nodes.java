package dev.anatomy.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.OptionalDouble;

/**
 * Reads figures out of a document by dotted key, as the document's {@code unavailable} names them.
 */
final class Nodes {
  private Nodes() {}

  /**
   * The node at a dotted key of object fields, e.g. {@code "compute.peakFlops.fp64PerCore"}.
   *
   * @param root where to start
   * @param dotted the key; "" is the root itself
   * @return the node, or a missing node
   */
  static JsonNode at(JsonNode root, String dotted) {
    JsonNode n = root;
    if (dotted.isEmpty()) {
      return n;
    }
    int start = 0;
    while (start <= dotted.length()) {
      int dot = dotted.indexOf('.', start);
      int end = dot < 0 ? dotted.length() : dot;
      n = n.path(dotted.substring(start, end));
      if (n.isMissingNode()) {
        return MissingNode.getInstance();
      }
      start = end + 1;
      if (dot < 0) {
        break;
      }
    }
    return n;
  }

  /**
   * A finite number at a dotted key.
   *
   * @param root where to start
   * @param dotted the key
   * @return the number, or empty if absent, null, not a number or not finite
   */
  static OptionalDouble number(JsonNode root, String dotted) {
    return number(at(root, dotted));
  }

  /**
   * A node's value if it is a finite number.
   *
   * @param n a node, possibly null
   * @return the number, or empty
   */
  static OptionalDouble number(JsonNode n) {
    if (n == null || !n.isNumber() || !Double.isFinite(n.asDouble())) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(n.asDouble());
  }

  /**
   * A finite, strictly positive number (what a log axis can show).
   *
   * @param n a node, possibly null
   * @return the number, or empty
   */
  static OptionalDouble positive(JsonNode n) {
    OptionalDouble v = number(n);
    return v.isPresent() && v.getAsDouble() > 0 ? v : OptionalDouble.empty();
  }
}
