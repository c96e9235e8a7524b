package dev.anatomy.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the report in real headless Chromium and reads the DOM its scripts left: every chart drew
 * (an SVG with marks), no script failed, nothing was loaded from anywhere. Keeps a screenshot of
 * each page under target/test-artifacts/report. Skipped where Chromium is absent; CI installs it.
 */
class ReportInChromiumTest {
  private static final List<String> ALL_CHARTS =
      List.of(
          "chart-latency",
          "chart-bandwidth",
          "chart-memory-units",
          "chart-connections",
          "chart-roofline",
          "chart-scaling",
          "chart-amdahl",
          "chart-global-lock");

  @TempDir Path work;

  private Chromium browser() {
    Optional<Chromium> c = Chromium.find(work);
    assumeTrue(c.isPresent(), "no chromium here (apt-get install chromium); skipping");
    return c.get();
  }

  private static Path artifacts() {
    return Path.of(System.getProperty("anatomy.test.artifacts", "target/test-artifacts"), "report");
  }

  private Path write(String name, String html) throws IOException {
    Path page = work.resolve(name + ".html");
    Files.writeString(page, html, StandardCharsets.UTF_8);
    Files.createDirectories(artifacts());
    Files.writeString(artifacts().resolve(name + ".html"), html, StandardCharsets.UTF_8);
    return page;
  }

  private static void assertDrew(String dom, String chart) {
    Matcher m = Pattern.compile("<div class=\"chart\" id=\"" + chart + "\"[^>]*>").matcher(dom);
    assertThat(m.find()).as(chart + " container").isTrue();
    String tag = m.group();
    assertThat(number(tag, "data-drawn")).as(chart + " data points drawn").isPositive();
    assertThat(number(tag, "data-marks")).as(chart + " SVG paths").isPositive();
    String figure = dom.substring(m.start(), dom.indexOf("</figure>", m.start()));
    assertThat(figure).as(chart + " holds an svg").contains("<svg");
    assertThat(figure.split("<path", -1).length - 1).as(chart + " marks").isGreaterThan(5);
  }

  private static int number(String tag, String attribute) {
    Matcher m = Pattern.compile(attribute + "=\"(\\d+)\"").matcher(tag);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  private static void assertNoErrors(Chromium.Output out) {
    String body = out.stdout().substring(out.stdout().indexOf("<body"));
    body = body.substring(0, body.indexOf('>'));
    assertThat(body).as("page errors recorded by the page").doesNotContain("data-errors");
    assertThat(body).contains("data-resources-loaded=\"0\"");
    assertThat(out.stderr()).as("browser log").doesNotContain("Uncaught");
  }

  @Test
  void fullReportDrawsAllSixChartsInChromium() throws Exception {
    Chromium chromium = browser();
    Path page = write("report-full", new HtmlReport().render(Documents.full()));

    Chromium.Output out = chromium.dumpDom(page);

    assertNoErrors(out);
    assertThat(out.stdout()).contains("data-charts=\"8\"").contains("data-charts-drawn=\"8\"");
    ALL_CHARTS.forEach(c -> assertDrew(out.stdout(), c));
    Path png = artifacts().resolve("report-full.png");
    chromium.screenshot(page, png, 9000);
    System.out.println("report screenshot (full run): " + png.toAbsolutePath());
  }

  @Test
  void memoryOnlyReportDrawsItsChartsAndSaysWhatIsAbsent() throws Exception {
    Chromium chromium = browser();
    Path page = write("report-memory", new HtmlReport().render(Documents.memory()));

    Chromium.Output out = chromium.dumpDom(page);

    assertNoErrors(out);
    for (String c :
        List.of(
            "chart-latency",
            "chart-bandwidth",
            "chart-memory-units",
            "chart-connections",
            "chart-roofline")) {
      assertDrew(out.stdout(), c);
    }
    assertThat(out.stdout())
        .contains("<div class=\"chart-absent\" id=\"chart-scaling\">")
        .contains("the compute part was not measured");
    Path png = artifacts().resolve("report-memory.png");
    chromium.screenshot(page, png, 6000);
    System.out.println("report screenshot (memory only): " + png.toAbsolutePath());
  }

  @Test
  void predictionPageDrawsTheKernelOnTheRoofline() throws Exception {
    Chromium chromium = browser();
    JsonNode prediction = Documents.read("prediction.json").get("prediction");
    Path page =
        write(
            "prediction",
            new HtmlReport()
                .renderPrediction(Documents.with(Documents.memory(), "compute.json"), prediction));

    Chromium.Output out = chromium.dumpDom(page);

    assertNoErrors(out);
    assertDrew(out.stdout(), "chart-roofline");
  }
}
