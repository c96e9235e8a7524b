package dev.anatomy.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  /** The only URLs in the page: XML namespaces and licence texts of ECharts (none is loaded). */
  private static final Set<String> ALLOWED_URLS =
      Set.of(
          "http://www.apache.org/licenses/LICENSE-2.0",
          "https://www.apache.org/",
          "http://www.w3.org/1999/xlink",
          "http://www.w3.org/2000/svg",
          "http://www.w3.org/2000/xmlns/",
          "http://www.w3.org/XML/1998/namespace",
          "https://github.com/ecomfe/zrender/blob/master/LICENSE.txt");

  private final HtmlReport report = new HtmlReport();

  @Test
  void pageLoadsNothingFromOutside() {
    String html = report.render(Documents.full());

    String markup = html.replaceAll("(?s)<script[^>]*>.*?</script>", "<script></script>");

    assertThat(html).startsWith("<!DOCTYPE html>");
    assertThat(markup).doesNotContainPattern("(?i)<(script|img|link|iframe)[^>]*\\s(src|href)=");
    assertThat(markup).doesNotContainPattern("(?i)url\\(");
    assertThat(markup).doesNotContain("@import").doesNotContain("@font-face");
    Matcher m = Pattern.compile("https?://[A-Za-z0-9./_-]*").matcher(html);
    while (m.find()) {
      assertThat(ALLOWED_URLS).as("URL in the page").contains(m.group());
    }
  }

  @Test
  void pageInlinesEchartsAndTheDataItDraws() {
    String html = report.render(Documents.memory());

    assertThat(html).contains("<script type=\"application/json\" id=\"anatomy-data\">");
    assertThat(html).contains("echarts.init");
    assertThat(html).contains("Apache ECharts");
    assertThat(html).contains("\"id\":\"chart-latency\"");
  }

  @Test
  void memoryOnlyRunSaysPlainlyWhichPartsAreAbsent() {
    String html = report.render(Documents.memory());

    assertThat(html)
        .contains("The computing units: not in this run (the compute part was not measured;")
        .contains("anatomy measure --only compute measures it")
        .contains("disk: not in this run (the storage part was not measured;");
  }

  @Test
  void quotesTheReasonAPartCouldNotBeMeasured() {
    ObjectNode doc = Documents.memory();
    ((ObjectNode) doc.get("unavailable")).put("compute", "the compute JVM exited with status 137");

    String html = report.render(doc);

    assertThat(html)
        .contains("The computing units: not measured (the compute JVM exited with status 137)");
  }

  @Test
  void warnsWhenTheMachineWasBusy() {
    String html = report.render(Documents.memory());

    assertThat(html).contains("id=\"busy\"").contains("memory.latency: 36% of CPU time");
  }

  @Test
  void saysNothingOfNoiseWhenTheMachineWasQuiet() {
    ObjectNode doc = Documents.memory();
    ObjectNode env = (ObjectNode) doc.get("environment");
    env.put("busy", false);
    env.putArray("noise");

    assertThat(report.render(doc)).doesNotContain("id=\"busy\"");
  }

  @Test
  void escapesTextTakenFromTheDocument() {
    ObjectNode doc = Documents.memory();
    ((ObjectNode) doc.get("run")).put("host", "<img src=x onerror=alert(1)>");
    ((ObjectNode) doc.get("memory").get("latencyCurve").get(0)).put("variant", "</script><b>");

    String html = report.render(doc);

    assertThat(html).doesNotContain("<img src=x").contains("&lt;img src=x onerror=alert(1)&gt;");
    String data = html.substring(html.indexOf("id=\"anatomy-data\">"));
    data = data.substring(0, data.indexOf("</script>"));
    assertThat(data).contains("\\u003c/script\\u003e\\u003cb\\u003e");
  }

  @Test
  void everyFigureWithDetailsIsInTheTable() {
    JsonNode doc = Documents.memory();
    int withDetails = countDetails(doc.get("memory"));

    String html = report.render(doc);

    int rows = html.split("<td class=\"method\">", -1).length - 1;
    int described = rows - (html.split("reported or derived; no samples", -1).length - 1);
    assertThat(described).isEqualTo(withDetails);
  }

  private static int countDetails(JsonNode node) {
    int n = 0;
    if (node.isObject()) {
      JsonNode d = node.get("details");
      if (d != null && d.isObject()) {
        for (Map.Entry<String, JsonNode> e : d.properties()) {
          if (node.path(e.getKey()).isNumber()) {
            n++;
          }
        }
      }
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (!e.getKey().equals("details")) {
          n += countDetails(e.getValue());
        }
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        n += countDetails(child);
      }
    }
    return n;
  }

  @Test
  void fullRunHasEveryChartToDraw() {
    List<Chart> charts = HtmlReport.charts(Documents.full());

    assertThat(charts).hasSize(8).allSatisfy(c -> assertThat(c.option()).isPresent());
  }

  @Test
  void runWithoutPartsDrawsNothingAndSaysWhy() {
    List<Chart> charts = HtmlReport.charts(Documents.bare());

    assertThat(charts)
        .allSatisfy(
            c -> {
              assertThat(c.option()).isEmpty();
              assertThat(c.notes()).isNotEmpty();
            });
  }

  @Test
  void predictionPageDrawsTheKernelOnTheRoofline() {
    JsonNode prediction = Documents.read("prediction.json").get("prediction");

    String html = report.renderPrediction(Documents.memory(), prediction);

    assertThat(html).contains("id=\"chart-roofline\"").contains("my-stencil");
    assertThat(html).contains("prediction.predictedSeconds").contains("bandwidth, DRAM");
  }
}
