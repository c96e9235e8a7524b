package dev.anatomy.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.result.Json;
import java.util.List;

/**
 * Builds the pieces of ECharts options the charts share: the base option, axes, line and scatter
 * series, points with a tooltip line. Formatters (functions) cannot travel as JSON; the page's
 * script adds them from each chart's unit kinds.
 */
final class Echarts {
  /** The palette, colour-blind friendly (Tableau 10). */
  static final List<String> PALETTE =
      List.of(
          "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1", "#edc948", "#ff9da7",
          "#9c755f", "#bab0ac");

  /** Grey for reference lines (reported sizes, ideal speedup, theoretical figures). */
  static final String GREY = "#8c8c8c";

  private Echarts() {}

  /**
   * A colour of the palette.
   *
   * @param i any index; wraps around
   * @return a colour
   */
  static String color(int i) {
    return PALETTE.get(Math.floorMod(i, PALETTE.size()));
  }

  /**
   * The option every chart starts from: no animation (the page is a document, and a screenshot must
   * show the final state), a legend on top, an item tooltip.
   *
   * @return a new option
   */
  static ObjectNode option() {
    ObjectNode o = Json.object();
    o.put("animation", false);
    o.set("color", Json.tree(PALETTE));
    ObjectNode legend = o.putObject("legend");
    legend.put("top", 0);
    legend.put("type", "scroll");
    o.putObject("tooltip").put("trigger", "item");
    ObjectNode grid = o.putObject("grid");
    grid.put("left", 84);
    grid.put("right", 36);
    grid.put("top", 56);
    grid.put("bottom", 64);
    return o;
  }

  /**
   * A logarithmic value axis. ECharts puts ticks at powers of the base, every 1, 10 or 100 powers,
   * so the base sets how dense the ticks are: sizes get base 2 (ticks at KiB, MiB, GiB over wide
   * ranges) or base 4 (every 4x over the curves' 4 KiB to 1 GiB, see {@link #every4x}), thread
   * counts base 2, FLOPs per byte base 4, the rest base 10.
   *
   * @param name the axis title, with its unit
   * @param unit the unit kind
   * @return the axis
   */
  static ObjectNode logAxis(String name, String unit) {
    ObjectNode a = axis(name);
    a.put("type", "log");
    int base =
        switch (unit) {
          case "bytes", "threads" -> 2;
          case "intensity" -> 4;
          default -> 10;
        };
    a.put("logBase", base);
    return a;
  }

  /**
   * Ticks every 4x on a size axis spanning about 4 KiB to 1 GiB (at base 2, ECharts would tick only
   * every 1024x there).
   *
   * @param axis a size axis
   * @return the axis
   */
  static ObjectNode every4x(ObjectNode axis, double min, double max) {
    axis.put("logBase", 4);
    axis.put("min", Math.pow(4, Math.floor(Math.log(min) / Math.log(4) + 1e-9)));
    axis.put("max", Math.pow(4, Math.ceil(Math.log(max) / Math.log(4) - 1e-9)));
    return axis;
  }

  /**
   * Makes an axis a vertical one: its title further out, clear of the tick labels.
   *
   * @param axis the axis
   * @return the axis
   */
  static ObjectNode vertical(ObjectNode axis) {
    axis.put("nameGap", 62);
    return axis;
  }

  /**
   * A linear value axis.
   *
   * @param name the axis title
   * @return the axis
   */
  static ObjectNode valueAxis(String name) {
    ObjectNode a = axis(name);
    a.put("type", "value");
    return a;
  }

  private static ObjectNode axis(String name) {
    ObjectNode a = Json.object();
    a.put("name", name);
    a.put("nameLocation", "middle");
    a.put("nameGap", 36);
    a.putObject("nameTextStyle").put("fontWeight", "bold").put("color", "#444");
    a.putObject("splitLine")
        .put("show", true)
        .putObject("lineStyle")
        .put("color", "#e6e6e6")
        .put("type", "dashed");
    a.putObject("minorSplitLine").put("show", false);
    a.putObject("axisLine").put("show", true).putObject("lineStyle").put("color", "#999");
    return a;
  }

  /**
   * A line series with markers.
   *
   * @param name the legend name
   * @param color its colour
   * @param dashed dashed line (a second variant of the same thing)
   * @return the series, with an empty data array to fill
   */
  static ObjectNode line(String name, String color, boolean dashed) {
    ObjectNode s = Json.object();
    s.put("type", "line");
    s.put("name", name);
    s.put("symbol", "circle");
    s.put("symbolSize", 5);
    s.put("showSymbol", true);
    s.put("color", color);
    ObjectNode ls = s.putObject("lineStyle");
    ls.put("width", 2);
    ls.put("type", dashed ? "dashed" : "solid");
    s.putArray("data");
    return s;
  }

  /**
   * A reference line without markers (a fit, a limit, a ceiling).
   *
   * @param name the legend name
   * @param color its colour
   * @param type "solid", "dashed" or "dotted"
   * @return the series, with an empty data array
   */
  static ObjectNode curve(String name, String color, String type) {
    ObjectNode s = line(name, color, false);
    s.put("symbol", "none");
    s.put("showSymbol", false);
    s.put("smooth", false);
    ((ObjectNode) s.get("lineStyle")).put("type", type);
    return s;
  }

  /**
   * A scatter series.
   *
   * @param name the legend name
   * @param color its colour
   * @param symbol "circle", "diamond", "emptyCircle", ...
   * @return the series, with an empty data array
   */
  static ObjectNode scatter(String name, String color, String symbol) {
    ObjectNode s = Json.object();
    s.put("type", "scatter");
    s.put("name", name);
    s.put("symbol", symbol);
    s.put("symbolSize", 11);
    s.put("color", color);
    s.putArray("data");
    return s;
  }

  /**
   * Adds a point with a tooltip line to a series.
   *
   * @param series the series
   * @param x x value
   * @param y y value
   * @param tip extra tooltip text (how the point was measured), or ""
   */
  static void point(ObjectNode series, double x, double y, String tip) {
    ArrayNode data = (ArrayNode) series.get("data");
    ObjectNode p = data.addObject();
    p.putArray("value").add(x).add(y);
    if (!tip.isEmpty()) {
      p.put("tip", tip);
    }
  }

  /**
   * Adds a point without tooltip text.
   *
   * @param series the series
   * @param x x
   * @param y y
   */
  static void point(ObjectNode series, double x, double y) {
    ((ArrayNode) series.get("data")).addArray().add(x).add(y);
  }

  /**
   * Shows a label beside the last point added to a series.
   *
   * @param series the series
   * @param text the label
   * @param position "top", "right", ...
   */
  static void labelLast(ObjectNode series, String text, String position) {
    ArrayNode data = (ArrayNode) series.get("data");
    JsonNode last = data.get(data.size() - 1);
    ObjectNode p;
    if (last instanceof ObjectNode o) {
      p = o;
    } else {
      p = Json.object();
      p.set("value", last);
      data.set(data.size() - 1, p);
    }
    ObjectNode label = p.putObject("label");
    label.put("show", true);
    label.put("formatter", text);
    label.put("position", position);
    label.put("fontWeight", "bold");
    label.put("color", "#333");
  }
}
