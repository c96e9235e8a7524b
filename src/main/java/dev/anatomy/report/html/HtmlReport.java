package dev.anatomy.report.html;

import static dev.anatomy.report.html.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.report.Card;
import dev.anatomy.result.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTML report of a run: one self-contained file that works offline, drawn from the run's JSON
 * document alone (so a stored run gives the same report as the run that made it).
 *
 * <p>It shows the machine as charts (1 latency and 2 bandwidth against working-set size, 3 the
 * memory units by capacity against speed, 4 the connections measured against theoretical, 5 the
 * roofline, 6 multicore scaling with Amdahl's law and a global lock), then the inventory, the
 * environment with its noise, every figure in a table and everything that could not be measured. A
 * chart whose data the document lacks says so, with the reason the document gives.
 *
 * <pre>{@code
 * String html = new HtmlReport().render(document);
 * String one = new HtmlReport().renderPrediction(document, predictionSection);
 * }</pre>
 */
public final class HtmlReport {
  /** Creates a report renderer; it holds no state. */
  public HtmlReport() {}

  /**
   * Renders the whole report.
   *
   * @param doc a run's document ({@code measure --json})
   * @return the HTML page
   */
  public String render(JsonNode doc) {
    List<Chart> charts = charts(doc);
    StringBuilder body = new StringBuilder();
    body.append(Blocks.header(doc));
    body.append("<main class=\"wrap\">");
    body.append(Blocks.tiles(doc));
    body.append(Blocks.busy(doc));
    body.append(errorsBox());
    body.append(toc());
    Absences why = new Absences(doc);
    body.append(
        part(
            "memory",
            "The memory units",
            "Where data lives, and how fast it comes back: each cache level and main memory, measured with pointer chases and streaming kernels.",
            doc,
            why));
    body.append(figure(charts.get(0))).append(figure(charts.get(1)));
    body.append(Blocks.memoryExtras(doc));
    body.append(figure(charts.get(2)));
    body.append("</section>");
    body.append(
        part(
            "links",
            "The connections",
            "The buses and links that move data between the units: memory bus, PCI bus to a GPU, disk, network.",
            doc,
            why));
    body.append(figure(charts.get(3)));
    body.append(Blocks.connectionsTable(Connections.links(doc)));
    body.append("</section>");
    body.append(
        part(
            "compute",
            "The computing units",
            "How many operations the cores do per second, alone and together, and what limits a kernel.",
            doc,
            why));
    body.append(Blocks.computeSummary(doc));
    body.append(figure(charts.get(4))).append(figure(charts.get(5)));
    body.append("<div class=\"grid2\">")
        .append(figure(charts.get(6)))
        .append(figure(charts.get(7)))
        .append("</div>");
    body.append("</section>");
    body.append(
        plainSection("machine", "The machine, as it reports itself", Blocks.inventory(doc)));
    body.append(plainSection("environment", "The environment", Blocks.environment(doc)));
    body.append(
        plainSection(
            "every-figure",
            "Every figure",
            "<p class=\"intro\">Each figure with its unit, the statistic it is (best or median of the samples), the median, range and spread of its samples, and how it was measured.</p>"
                + Blocks.figures(doc)));
    body.append(plainSection("not-measured", "Not measured", Blocks.unavailable(doc)));
    body.append(
        plainSection(
            "card", "The card", "<pre class=\"card\">" + esc(new Card().render(doc)) + "</pre>"));
    body.append(footer(doc));
    body.append("</main>");
    return page(title(doc, "report"), body.toString(), charts);
  }

  /**
   * Renders one predicted kernel on the machine's roofline: the page {@code anatomy predict --html}
   * writes.
   *
   * @param doc the run the prediction was made from
   * @param prediction the prediction ({@code prediction} section: {@code attainableFlopsPerSecond},
   *     {@code attainableBytesPerSecond}, {@code predictedSeconds}, {@code bound}, and optionally
   *     {@code kernel.name})
   * @return the HTML page
   */
  public String renderPrediction(JsonNode doc, JsonNode prediction) {
    ObjectNode copy = doc.isObject() ? ((ObjectNode) doc).deepCopy() : Json.object();
    copy.set("prediction", prediction);
    copy.remove("validation");
    List<Chart> charts = List.of(RooflineChart.build(copy));
    StringBuilder body = new StringBuilder();
    body.append(Blocks.header(copy)).append("<main class=\"wrap\">").append(errorsBox());
    body.append(
        "<section class=\"part\" id=\"prediction\"><h2>The kernel on this machine's roofline</h2>");
    body.append(Blocks.busy(copy));
    body.append(figure(charts.get(0)));
    body.append("<div class=\"table-card\"><h3>The prediction</h3><table><tbody>");
    FigureTable.groups(copy)
        .forEach(
            (group, rows) ->
                rows.stream()
                    .filter(r -> r.key().startsWith("prediction."))
                    .forEach(
                        r ->
                            body.append("<tr><td class=\"key\">")
                                .append(esc(r.key()))
                                .append("</td><td class=\"num\">")
                                .append(esc(r.human()))
                                .append("</td></tr>")));
    JsonNode bound = prediction.path("bound");
    if (bound.isObject()) {
      body.append("<tr><td class=\"key\">prediction.bound</td><td class=\"num\">")
          .append(esc(bound.path("kind").asText("?") + ", " + bound.path("tier").asText("?")))
          .append("</td></tr>");
    }
    body.append("</tbody></table></div></section>").append(footer(copy)).append("</main>");
    return page(title(copy, "prediction"), body.toString(), charts);
  }

  /**
   * The report's charts, in the order the page shows them.
   *
   * @param doc the document
   * @return latency, bandwidth, memory units, connections, roofline, scaling, Amdahl demo, global
   *     lock
   */
  static List<Chart> charts(JsonNode doc) {
    return List.of(
        MemoryCurves.latency(doc),
        MemoryCurves.bandwidth(doc),
        MemoryUnitsChart.build(doc),
        Connections.chart(doc),
        RooflineChart.build(doc),
        ScalingCharts.measured(doc),
        ScalingCharts.amdahlDemo(doc),
        ScalingCharts.globalLock(doc));
  }

  private static String title(JsonNode doc, String what) {
    return "anatomy "
        + what
        + " · "
        + doc.path("run").path("host").asText("?")
        + " · "
        + doc.path("run").path("startedAt").asText("").replaceFirst("T.*", "");
  }

  private static String page(String title, String body, List<Chart> charts) {
    ArrayNode specs = Json.array();
    for (Chart c : charts) {
      c.script().ifPresent(specs::add);
    }
    ObjectNode data = Json.object();
    data.set("charts", specs);
    StringBuilder p = new StringBuilder(1_200_000);
    p.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    p.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    p.append("<meta name=\"generator\" content=\"anatomy\">");
    p.append("<title>").append(esc(title)).append("</title>");
    p.append("<style>").append(Assets.text(Assets.STYLE)).append("</style>");
    p.append("<script>").append(Html.script(Assets.text(Assets.GUARD))).append("</script>");
    p.append("</head><body data-charts=\"").append(specs.size()).append("\">");
    p.append(body);
    p.append("<script type=\"application/json\" id=\"anatomy-data\">")
        .append(Html.scriptJson(Json.writeCompact(data)))
        .append("</script>\n");
    p.append("<!-- Apache ECharts, inlined. ")
        .append(esc(Assets.text(Assets.ECHARTS_NOTICE)).replace("--", "- -"))
        .append(" -->\n");
    p.append("<script>").append(Html.script(Assets.text(Assets.ECHARTS))).append("</script>\n");
    p.append("<script>").append(Html.script(Assets.text(Assets.SCRIPT))).append("</script>\n");
    p.append("</body></html>\n");
    return p.toString();
  }

  private static String errorsBox() {
    return "<div class=\"banner errors\" hidden><b>This page failed to draw something:</b><ul id=\"page-errors\"></ul></div>";
  }

  private static String toc() {
    String[][] links = {
      {"memory", "Memory units"},
      {"links", "Connections"},
      {"compute", "Computing units"},
      {"machine", "Machine"},
      {"environment", "Environment"},
      {"every-figure", "Every figure"},
      {"not-measured", "Not measured"},
      {"card", "Card"}
    };
    StringBuilder t = new StringBuilder("<nav class=\"toc\">");
    for (String[] l : links) {
      t.append("<a href=\"#").append(l[0]).append("\">").append(l[1]).append("</a>");
    }
    return t.append("</nav>").toString();
  }

  private static String part(String key, String title, String intro, JsonNode doc, Absences why) {
    StringBuilder s =
        new StringBuilder("<section class=\"part\" id=\"")
            .append(key)
            .append("\"><h2>")
            .append(esc(title))
            .append("</h2>");
    s.append("<p class=\"intro\">").append(esc(intro)).append("</p>");
    List<String> missing = new ArrayList<>();
    if (key.equals("links")) {
      for (String k : List.of("links", "storage")) {
        if (!doc.has(k)) {
          missing.add(
              why.sentence(
                  k.equals("links")
                      ? "The links (memory bus, PCI bus, network)"
                      : "Storage (the disk)",
                  k));
        }
      }
    } else if (!doc.has(key)) {
      missing.add(why.sentence(title, key));
    }
    if (!missing.isEmpty()) {
      s.append("<div class=\"absent-part\">");
      missing.forEach(m -> s.append("<div>").append(esc(m)).append("</div>"));
      s.append("</div>");
    }
    return s.toString();
  }

  private static String plainSection(String id, String title, String html) {
    return "<section class=\"part\" id=\""
        + id
        + "\"><h2>"
        + esc(title)
        + "</h2>"
        + html
        + "</section>";
  }

  private static String figure(Chart c) {
    StringBuilder f =
        new StringBuilder("<figure class=\"card\" id=\"fig-")
            .append(esc(c.id()))
            .append("\"><h3>")
            .append(esc(c.title()))
            .append("</h3><p class=\"lead\">")
            .append(esc(c.lead()))
            .append("</p>");
    if (c.option().isPresent()) {
      f.append("<div class=\"chart\" id=\"")
          .append(esc(c.id()))
          .append("\" style=\"height:")
          .append(c.heightPx())
          .append("px\"></div>");
    } else {
      f.append("<div class=\"chart-absent\" id=\"")
          .append(esc(c.id()))
          .append("\">Not drawn: nothing in this run to draw it from.</div>");
    }
    if (!c.notes().isEmpty()) {
      f.append("<ul class=\"notes\">");
      c.notes().forEach(n -> f.append("<li>").append(esc(n)).append("</li>"));
      f.append("</ul>");
    }
    return f.append("</figure>").toString();
  }

  private static String footer(JsonNode doc) {
    return "<footer>Made by anatomy "
        + esc(doc.path("run").path("anatomyVersion").asText("?"))
        + " from run <code>"
        + esc(doc.path("run").path("id").asText("?"))
        + "</code>. Charts drawn by Apache ECharts (Apache License 2.0), inlined in this file: it"
        + " loads nothing from the network and works offline.</footer>";
  }
}
