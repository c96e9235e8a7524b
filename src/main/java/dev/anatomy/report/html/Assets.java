package dev.anatomy.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The files the page inlines: ECharts' bundle, the page's script and style, read from the jar. */
final class Assets {
  /** ECharts' minified bundle, copied from its webjar at build time. */
  static final String ECHARTS = "/dev/anatomy/report/echarts/echarts.min.js";

  /** ECharts' NOTICE file, quoted in the page. */
  static final String ECHARTS_NOTICE = "/dev/anatomy/report/echarts/NOTICE";

  /** The error guard, run before anything else. */
  static final String GUARD = "/dev/anatomy/report/html/guard.js";

  /** The script that draws the charts. */
  static final String SCRIPT = "/dev/anatomy/report/html/report.js";

  /** The page's style. */
  static final String STYLE = "/dev/anatomy/report/html/report.css";

  private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

  private Assets() {}

  /**
   * A resource's text.
   *
   * @param name its absolute resource name
   * @return its content, UTF-8
   * @throws IllegalStateException if the jar lacks it (a broken build)
   */
  static String text(String name) {
    return CACHE.computeIfAbsent(name, Assets::read);
  }

  private static String read(String name) {
    try (InputStream in = Assets.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            name + " is missing from anatomy's jar; rebuild it with mvn package");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
