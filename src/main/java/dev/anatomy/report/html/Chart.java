package dev.anatomy.report.html;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.result.Json;
import java.util.List;
import java.util.Optional;

/**
 * One chart of the report: an ECharts option built from measured data, or nothing, with notes that
 * say what is missing and why.
 *
 * @param id the DOM id of the chart's container
 * @param title the chart's title
 * @param lead how to read it, one or two sentences
 * @param option the ECharts option, empty when there is nothing to draw
 * @param xUnits the unit kind of each x axis, for the page's axis and tooltip formatters ("bytes",
 *     "rate", "ns", "flops", "intensity", "threads", "speedup", "category")
 * @param yUnits the unit kind of each y axis
 * @param notes what is absent and why, or how a figure was derived; shown under the chart
 * @param heightPx the chart's height in pixels
 */
record Chart(
    String id,
    String title,
    String lead,
    Optional<ObjectNode> option,
    List<String> xUnits,
    List<String> yUnits,
    List<String> notes,
    int heightPx) {
  /** Default height. */
  static final int HEIGHT = 440;

  /**
   * Copies the lists.
   *
   * @param id id
   * @param title title
   * @param lead lead
   * @param option option
   * @param xUnits x units
   * @param yUnits y units
   * @param notes notes
   * @param heightPx height
   */
  Chart {
    xUnits = List.copyOf(xUnits);
    yUnits = List.copyOf(yUnits);
    notes = List.copyOf(notes);
  }

  /**
   * A chart that draws.
   *
   * @param id DOM id
   * @param title title
   * @param lead how to read it
   * @param option the ECharts option
   * @param x x unit kind
   * @param y y unit kind
   * @param notes notes
   * @return the chart
   */
  static Chart drawn(
      String id,
      String title,
      String lead,
      ObjectNode option,
      String x,
      String y,
      List<String> notes) {
    return new Chart(id, title, lead, Optional.of(option), List.of(x), List.of(y), notes, HEIGHT);
  }

  /**
   * A chart with nothing to draw.
   *
   * @param id DOM id
   * @param title title
   * @param lead how it would be read
   * @param notes why it is empty
   * @return the chart
   */
  static Chart absent(String id, String title, String lead, List<String> notes) {
    return new Chart(id, title, lead, Optional.empty(), List.of(), List.of(), notes, HEIGHT);
  }

  /**
   * The same chart with another height.
   *
   * @param px pixels
   * @return a copy
   */
  Chart withHeight(int px) {
    return new Chart(id, title, lead, option, xUnits, yUnits, notes, px);
  }

  /**
   * What the page's script reads to draw it.
   *
   * @return {@code {"id", "option", "x", "y"}}, or empty when there is nothing to draw
   */
  Optional<ObjectNode> script() {
    return option.map(
        o -> {
          ObjectNode s = Json.object();
          s.put("id", id);
          s.set("option", o);
          s.set("x", Json.tree(xUnits));
          s.set("y", Json.tree(yUnits));
          return s;
        });
  }
}
