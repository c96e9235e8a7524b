package dev.anatomy.result;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every figure of a document, each under a path that names the same figure in any other document,
 * so two runs can be compared, stored figure by figure and exported.
 *
 * <p>A figure is a number with a {@code details} entry beside it (see {@link Figures}); numbers
 * without details (sizes the plan chose, counts) are not figures. Paths join object keys with dots
 * and name each array element by what identifies it rather than by its position, so a grid of sizes
 * that differs between two runs still pairs the sizes both have:
 *
 * <pre>
 * memory.levels[L1].latencyNs                                        element with a "name"
 * memory.bandwidthCurve[sizeBytes=8192,threads=1,kernel=read].bytesPerSecond
 * compute.amdahlDemo[threads=2#2].speedup                            second element with threads=2
 * </pre>
 *
 * <p>An element's identity is its {@code name} if it has one, else its text, boolean and whole
 * number fields that are not figures, in document order; an identity seen before in the same array
 * gets {@code #2}, {@code #3}, ... The sections walked are every top-level object except the
 * envelope ({@code schemaVersion}, {@code run}, {@code environment}, {@code machine}, {@code
 * unavailable}), so a new part's figures are indexed without a change here.
 */
public final class FigureIndex {
  /** Top-level keys that hold no figures. */
  public static final Set<String> ENVELOPE =
      Set.of("schemaVersion", "run", "environment", "machine", "unavailable");

  /** Label holding the occurrence number of an element whose identity repeats. */
  public static final String OCCURRENCE = "occurrence";

  private FigureIndex() {}

  /**
   * One figure found in a document.
   *
   * @param path the figure's path, e.g. {@code memory.levels[L1].latencyNs}
   * @param keys the object keys along the path, without array identities, e.g. [memory, levels,
   *     latencyNs]
   * @param labels the identities of the array elements along the path, e.g. {name=L1}; when a key
   *     repeats, the innermost element wins
   * @param arrays for each label, the key of the array whose element it identifies
   * @param figure the figure with its samples
   */
  public record Entry(
      String path,
      List<String> keys,
      Map<String, String> labels,
      Map<String, String> arrays,
      Figure figure) {
    /**
     * Copies the collections.
     *
     * @param path path
     * @param keys keys
     * @param labels labels
     * @param arrays arrays
     * @param figure figure
     */
    public Entry {
      keys = List.copyOf(keys);
      labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
      arrays = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
    }

    /**
     * The figure's own key.
     *
     * @return the last key, e.g. "latencyNs"
     */
    public String key() {
      return keys.get(keys.size() - 1);
    }

    /**
     * The part the figure belongs to.
     *
     * @return the first key, e.g. "memory"
     */
    public String section() {
      return keys.get(0);
    }
  }

  /**
   * Indexes a document.
   *
   * @param document an anatomy document
   * @return its figures, in document order
   * @throws IllegalArgumentException naming the path of a figure whose details are malformed (an
   *     unknown statistic, a value that is not finite)
   */
  public static List<Entry> of(JsonNode document) {
    List<Entry> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : document.properties()) {
      if (!ENVELOPE.contains(e.getKey()) && e.getValue().isObject()) {
        walk(
            e.getValue(),
            e.getKey(),
            new ArrayList<>(List.of(e.getKey())),
            new LinkedHashMap<>(),
            new LinkedHashMap<>(),
            out);
      }
    }
    return out;
  }

  /**
   * Indexes a document by path.
   *
   * @param document an anatomy document
   * @return path to entry, in document order
   */
  public static Map<String, Entry> byPath(JsonNode document) {
    Map<String, Entry> map = new LinkedHashMap<>();
    for (Entry e : of(document)) {
      map.putIfAbsent(e.path(), e);
    }
    return map;
  }

  private static void walk(
      JsonNode node,
      String path,
      List<String> keys,
      Map<String, String> labels,
      Map<String, String> arrays,
      List<Entry> out) {
    JsonNode details = node.path(Figures.DETAILS);
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = e.getKey();
      JsonNode value = e.getValue();
      if (key.equals(Figures.DETAILS)) {
        continue;
      }
      List<String> childKeys = new ArrayList<>(keys);
      childKeys.add(key);
      String childPath = path + "." + key;
      if (value.isNumber() && details.path(key).isObject()) {
        try {
          Figures.get(node, key)
              .ifPresent(f -> out.add(new Entry(childPath, childKeys, labels, arrays, f)));
        } catch (IllegalArgumentException bad) {
          throw new IllegalArgumentException(childPath + ": " + bad.getMessage(), bad);
        }
      } else if (value.isObject()) {
        walk(value, childPath, childKeys, labels, arrays, out);
      } else if (value.isArray()) {
        walkArray(value, key, childPath, childKeys, labels, arrays, out);
      }
    }
  }

  private static void walkArray(
      JsonNode array,
      String arrayKey,
      String path,
      List<String> keys,
      Map<String, String> labels,
      Map<String, String> arrays,
      List<Entry> out) {
    Map<String, Integer> seen = new HashMap<>();
    for (JsonNode element : array) {
      if (!element.isObject()) {
        continue;
      }
      Map<String, String> identity = identity(element);
      String text = identityText(identity);
      int occurrence = seen.merge(text, 1, Integer::sum);
      Map<String, String> childLabels = new LinkedHashMap<>(labels);
      Map<String, String> childArrays = new LinkedHashMap<>(arrays);
      identity.forEach(
          (k, v) -> {
            childLabels.remove(k);
            childLabels.put(k, v);
            childArrays.remove(k);
            childArrays.put(k, arrayKey);
          });
      String suffix = occurrence > 1 ? "#" + occurrence : "";
      if (occurrence > 1) {
        childLabels.put(OCCURRENCE, Integer.toString(occurrence));
        childArrays.put(OCCURRENCE, arrayKey);
      }
      walk(element, path + "[" + text + suffix + "]", keys, childLabels, childArrays, out);
    }
  }

  /**
   * What identifies an array element: its name, else its non-figure text, boolean and whole-number
   * fields.
   *
   * @param element an array element
   * @return field to value, in document order; empty if nothing identifies it
   */
  static Map<String, String> identity(JsonNode element) {
    Map<String, String> id = new LinkedHashMap<>();
    JsonNode name = element.get("name");
    if (name != null && name.isTextual()) {
      id.put("name", name.asText());
      return id;
    }
    JsonNode details = element.path(Figures.DETAILS);
    for (Map.Entry<String, JsonNode> e : element.properties()) {
      JsonNode v = e.getValue();
      if (details.has(e.getKey())) {
        continue;
      }
      if (v.isTextual() || v.isBoolean() || v.isIntegralNumber()) {
        id.put(e.getKey(), v.asText());
      }
    }
    return id;
  }

  private static String identityText(Map<String, String> identity) {
    if (identity.size() == 1 && identity.containsKey("name")) {
      return identity.get("name");
    }
    StringBuilder sb = new StringBuilder();
    identity.forEach(
        (k, v) -> {
          if (!sb.isEmpty()) {
            sb.append(',');
          }
          sb.append(k).append('=').append(v);
        });
    return sb.toString();
  }
}
