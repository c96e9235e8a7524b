package dev.anatomy.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.harness.Samples;
import dev.anatomy.harness.Statistic;
import java.util.Optional;

/**
 * Writes figures into documents, and reads them back, in the one shape every part uses: the plain
 * number at its key, and beside it, under {@code details}, the figure's statistic, spread, samples,
 * method and variant.
 *
 * <pre>{@code
 * ObjectNode level = Json.object();
 * Figures.put(level, "latencyNs", latency);
 * // {"latencyNs": 1.23, "details": {"latencyNs": {"unit": "ns", "statistic": "min", ...}}}
 * }</pre>
 */
public final class Figures {
  /** Name of the object beside figures that holds their details. */
  public static final String DETAILS = "details";

  private Figures() {}

  /**
   * Puts a figure at {@code key} and its details at {@code details.key}.
   *
   * @param parent the object to write into
   * @param key the figure's name, with its unit in it (e.g. "latencyNs")
   * @param figure the figure
   */
  public static void put(ObjectNode parent, String key, Figure figure) {
    parent.put(key, figure.value());
    parent.withObject("/" + DETAILS).set(key, details(figure));
  }

  /**
   * The details object of a figure.
   *
   * @param f the figure
   * @return {unit, statistic, median, min, max, relativeSpread, relativeMad, samples,
   *     warmupsDiscarded, method, variant}
   */
  public static ObjectNode details(Figure f) {
    ObjectNode d = Json.object();
    d.put("unit", f.unit());
    d.put("statistic", f.statistic().label());
    Samples s = f.samples();
    d.put("median", s.median());
    d.put("min", s.min());
    d.put("max", s.max());
    d.put("relativeSpread", f.relativeSpread());
    d.put("relativeMad", relativeMad(s, f.value()));
    ArrayNode values = d.putArray("samples");
    for (double v : s.values()) {
      values.add(v);
    }
    d.put("warmupsDiscarded", s.warmupsDiscarded());
    d.put("method", f.method());
    if (!f.variant().isEmpty()) {
      d.put("variant", f.variant());
    }
    return d;
  }

  /**
   * The median absolute deviation of the samples over the figure's value: a spread that one
   * disturbed sample cannot inflate.
   *
   * @param s the samples
   * @param value the figure
   * @return MAD / |value|, 0 for a zero value
   */
  static double relativeMad(Samples s, double value) {
    double median = s.median();
    double[] dev = s.values();
    for (int i = 0; i < dev.length; i++) {
      dev[i] = Math.abs(dev[i] - median);
    }
    return value == 0 ? 0 : Samples.of(dev).median() / Math.abs(value);
  }

  /**
   * Reads a figure written by {@link #put}.
   *
   * @param parent the object holding the figure
   * @param key its name
   * @return the figure, empty if the key is absent or has no details
   */
  public static Optional<Figure> get(JsonNode parent, String key) {
    JsonNode value = parent.get(key);
    JsonNode d = parent.path(DETAILS).get(key);
    if (value == null || !value.isNumber() || d == null || !d.isObject()) {
      return Optional.empty();
    }
    JsonNode samples = d.path("samples");
    double[] values = new double[samples.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = samples.get(i).asDouble();
    }
    if (values.length == 0) {
      values = new double[] {value.asDouble()};
    }
    return Optional.of(
        new Figure(
            value.asDouble(),
            d.path("unit").asText(""),
            Statistic.fromLabel(d.path("statistic").asText("median")),
            new Samples(values, d.path("warmupsDiscarded").asInt(0)),
            d.path("method").asText(""),
            d.path("variant").asText("")));
  }
}
